-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Made with each workspace (and for those that exist), so that the first recordings of a
-- workspace never wait for each other on creating it; workspace_secret() still makes one if missing.
create or replace function private.create_workspace_secret()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.workspace_secret(new.id);
  return null;
end
$$;
revoke all on function private.create_workspace_secret() from public;

-- HMAC-SHA256 (RFC 2104) from the core sha256(): H((K ⊕ opad) || H((K ⊕ ipad) || m)), 64-byte blocks.
create or replace function private.hmac_sha256(key bytea, message bytea)
returns bytea
language plpgsql immutable strict set search_path = ''
as $$
declare
  block bytea := case when length(key) > 64 then sha256(key) else key end;
  inner_pad bytea;
  outer_pad bytea;
begin
  block := block || decode(repeat('00', 64 - length(block)), 'hex');
  inner_pad := block;
  outer_pad := block;
  for i in 0..63 loop
    inner_pad := set_byte(inner_pad, i, get_byte(block, i) # 54);  -- 0x36
    outer_pad := set_byte(outer_pad, i, get_byte(block, i) # 92);  -- 0x5c
  end loop;
  return sha256(outer_pad || sha256(inner_pad || message));
end
$$;
revoke all on function private.hmac_sha256(key bytea, message bytea) from public;

create or replace function private.identifier_hash(workspace_id uuid, kind public.identifier_kind, value text)
returns text
language sql security definer set search_path = ''
as $$
  select private.try_identifier_hash(workspace_id, kind, private.normalise_identifier(kind, value))
$$;
revoke all on function private.identifier_hash(workspace_id uuid, kind public.identifier_kind, value text) from public;

-- Links the anonymous subject behind a device id to the verified subject (see the header).
create or replace function private.merge_device_subject(workspace_id uuid, device_id text, into_subject uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := merge_device_subject.workspace_id;
  device_hash text := private.try_identifier_hash(ws, 'device_id', device_id);
  from_subject uuid;
  moved record;
begin
  if device_hash is null then
    return;
  end if;
  from_subject := (private.lock_subject(ws, 'device_id', device_hash, false)).id;
  if from_subject is null or from_subject = into_subject
     or exists (select 1 from public.subject_identifiers i where i.subject_id = from_subject and i.kind <> 'device_id') then
    return;
  end if;
  update public.subject_identifiers i set subject_id = into_subject, linked_at = now() where i.subject_id = from_subject;
  update public.subjects s set merged_into = into_subject, merged_at = now() where s.id = from_subject;
  update public.subjects s set merged_into = into_subject where s.merged_into = from_subject;
  for moved in select * from public.consent_state s where s.subject_id = from_subject loop
    insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
      last_event_id, updated_at, confirmation_token_hash)
    values (ws, into_subject, moved.purpose_id, moved.state, moved.separately_given, moved.method, moved.expires_at,
      moved.last_event_id, moved.updated_at, moved.confirmation_token_hash)
    on conflict (subject_id, purpose_id) do update set
      state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
      expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
      confirmation_token_hash = excluded.confirmation_token_hash
    where public.consent_state.updated_at < excluded.updated_at;
  end loop;
  delete from public.consent_state s where s.subject_id = from_subject;
  if not exists (select 1 from public.preferences p where p.subject_id = into_subject) then
    update public.preferences p set subject_id = into_subject where p.subject_id = from_subject;
  else
    update public.preferences t set channels = f.channels, topics = f.topics, frequency_cap_max = f.frequency_cap_max,
      frequency_cap_period = f.frequency_cap_period, quiet_hours_start = f.quiet_hours_start, quiet_hours_end = f.quiet_hours_end,
      quiet_hours_time_zone = f.quiet_hours_time_zone, updated_at = f.updated_at, last_event_id = f.last_event_id
    from public.preferences f
    where t.subject_id = into_subject and f.subject_id = from_subject and f.updated_at > t.updated_at;
    delete from public.preferences p where p.subject_id = from_subject;
  end if;
  update public.contact_log c set subject_id = into_subject where c.subject_id = from_subject;
  perform private.append_audit(ws, 'subject.linked', 'subject', into_subject::text, jsonb_build_object('subject_id', from_subject),
    jsonb_build_object('subject_id', into_subject, 'from_kind', 'device_id', 'merged', true, 'by', 'preference_centre'));
end
$$;
revoke all on function private.merge_device_subject(workspace_id uuid, device_id text, into_subject uuid) from public;

create or replace function private.normalise_identifier(kind public.identifier_kind, value text)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  v text := private.try_normalise_identifier(kind, value);
begin
  if v is null then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = kind::text;
  end if;
  return v;
end
$$;
revoke all on function private.normalise_identifier(kind public.identifier_kind, value text) from public;

-- A subject and every subject merged into it (their receipts are the person's too).
create or replace function private.subject_family(subject_id uuid)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive family(id) as (
    select subject_family.subject_id
    union
    select s.id from public.subjects s join family f on s.merged_into = f.id
  )
  select id from family
$$;
revoke all on function private.subject_family(subject_id uuid) from public;

-- The keyed hash stored for an identifier; null when the value is not valid for its kind.
create or replace function private.try_identifier_hash(workspace_id uuid, kind public.identifier_kind, value text)
returns text
language sql security definer set search_path = ''
as $$
  select encode(private.hmac_sha256(private.workspace_secret(workspace_id),
                                    convert_to(kind::text || ':' || v, 'UTF8')), 'hex')
  from (select private.try_normalise_identifier(kind, value) as v) n
  where n.v is not null
$$;
revoke all on function private.try_identifier_hash(workspace_id uuid, kind public.identifier_kind, value text) from public;

-- The identifier as hashed, or null when it is not a valid identifier of its kind.
create or replace function private.try_normalise_identifier(kind public.identifier_kind, value text)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  v text := regexp_replace(normalize(coalesce(value, ''), NFKC), '^\s+|\s+$', '', 'g');
begin
  if kind = 'email' then
    v := lower(v);
    if v !~ '^[^@\s]+@[^@\s]+$' or char_length(v) > 320 then return null; end if;
  elsif kind = 'phone' then
    v := regexp_replace(v, '[\s().-]', '', 'g');
    if v like '00%' then v := '+' || substr(v, 3); end if;
    if v ~ '^1[3-9][0-9]{9}$' then v := '+86' || v; end if;
    if v !~ '^\+[1-9][0-9]{5,14}$' then return null; end if;
  elsif char_length(v) = 0 or char_length(v) > 256 then
    return null;
  end if;
  return v;
end
$$;
revoke all on function private.try_normalise_identifier(kind public.identifier_kind, value text) from public;

-- The workspace's identifier secret, made on first use: 32 bytes from gen_random_uuid(), which
-- draws on the server's strong random source (244 random bits; the version nibbles are fixed).
create or replace function private.workspace_secret(workspace_id uuid)
returns bytea
language plpgsql security definer set search_path = ''
as $$
declare
  found_secret bytea;
begin
  select s.secret into found_secret from private.workspace_secrets s where s.workspace_id = workspace_secret.workspace_id;
  if found then
    return found_secret;
  end if;
  insert into private.workspace_secrets (workspace_id, secret)
  values (workspace_secret.workspace_id,
          decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'))
  on conflict do nothing;
  select s.secret into found_secret from private.workspace_secrets s where s.workspace_id = workspace_secret.workspace_id;
  return found_secret;
end
$$;
revoke all on function private.workspace_secret(workspace_id uuid) from public;

create or replace function public.append_contact(workspace_id uuid, kind public.identifier_kind, value text,
  channel public.contact_channel, purpose_id uuid, contacted_at timestamptz, external_id text default null)
returns bigint
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  found_id uuid;
  new_id bigint;
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  select i.subject_id into found_id from public.subject_identifiers i
  where i.workspace_id = append_contact.workspace_id and i.kind = append_contact.kind
    and i.identifier_hash = private.identifier_hash(append_contact.workspace_id, append_contact.kind, append_contact.value);
  if found_id is null then
    raise exception 'consentry.unknown_subject' using errcode = 'P0001';
  end if;
  if not exists (select 1 from public.purposes p where p.id = append_contact.purpose_id and p.workspace_id = append_contact.workspace_id) then
    raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = append_contact.purpose_id::text;
  end if;
  if contacted_at is null or contacted_at > now() + interval '5 minutes' then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001';
  end if;
  insert into public.contact_log (workspace_id, subject_id, channel, purpose_id, contacted_at, external_id)
  values (append_contact.workspace_id, found_id, append_contact.channel, append_contact.purpose_id,
          append_contact.contacted_at, append_contact.external_id)
  on conflict (workspace_id, external_id) where external_id is not null do nothing
  returning id into new_id;
  return new_id;
end
$$;
revoke all on function public.append_contact(workspace_id uuid, kind public.identifier_kind, value text, channel public.contact_channel, purpose_id uuid, contacted_at timestamp with time zone, external_id text) from public, anon, authenticated, service_role;
grant execute on function public.append_contact(workspace_id uuid, kind public.identifier_kind, value text, channel public.contact_channel, purpose_id uuid, contacted_at timestamp with time zone, external_id text) to service_role;

create or replace function public.find_subject(workspace_id uuid, kind public.identifier_kind, value text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  hash text;
  found_id uuid;
begin
  perform private.assert_workspace_access(workspace_id);
  hash := private.try_identifier_hash(workspace_id, kind, value);
  select i.subject_id into found_id from public.subject_identifiers i
  where i.workspace_id = find_subject.workspace_id and i.kind = find_subject.kind and i.identifier_hash = hash;
  return found_id;
end
$$;
revoke all on function public.find_subject(workspace_id uuid, kind public.identifier_kind, value text) from public, anon, authenticated, service_role;
grant execute on function public.find_subject(workspace_id uuid, kind public.identifier_kind, value text) to authenticated, service_role;

-- A value as the ledger normalises and hashes it (the service, before sealing the normalised
-- value and binding it to its identifier); no row when the value is not valid for its kind.
create or replace function public.identifier_normalised(workspace_id uuid, kind public.identifier_kind, value text)
returns table (normalised text, identifier_hash text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  return query select n.v, private.try_identifier_hash(identifier_normalised.workspace_id, kind, n.v)
    from (select private.try_normalise_identifier(kind, value) as v) n where n.v is not null;
end
$$;
revoke all on function public.identifier_normalised(workspace_id uuid, kind public.identifier_kind, value text) from public, anon, authenticated, service_role;
grant execute on function public.identifier_normalised(workspace_id uuid, kind public.identifier_kind, value text) to service_role;

create or replace function public.link_subjects(workspace_id uuid, from_kind public.identifier_kind, from_value text,
                                     to_kind public.identifier_kind, to_value text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := link_subjects.workspace_id;
  from_hash text;
  to_hash text;
  from_subject uuid;
  to_subject uuid;
  merged boolean := false;
  locked record;
  message_id uuid;
begin
  perform private.assert_workspace_access(ws, '{owner,admin}');
  from_hash := private.identifier_hash(ws, from_kind, from_value);
  to_hash := private.identifier_hash(ws, to_kind, to_value);
  if from_kind = to_kind and from_hash = to_hash then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'an identifier cannot be linked to itself';
  end if;
  from_subject := (private.lock_subject(ws, from_kind, from_hash, false)).id;
  to_subject := (private.lock_subject(ws, to_kind, to_hash, false)).id;

  if from_subject is null and to_subject is null then
    to_subject := (private.lock_subject(ws, to_kind, to_hash, true)).id;
  end if;
  if from_subject is null then
    insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash, linked_at)
    values (ws, to_subject, from_kind, from_hash, now());
  elsif to_subject is null then
    insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash, linked_at)
    values (ws, from_subject, to_kind, to_hash, now());
    to_subject := from_subject;
  elsif from_subject <> to_subject then
    -- Both are locked (above). Two links locking the same pair in opposite orders deadlock, and
    -- PostgreSQL aborts one of them; linking is rare next to recording, which locks one subject.
    if exists (select 1 from public.subject_identifiers i where i.subject_id = from_subject and i.kind <> 'device_id') then
      if from_kind <> 'device_id' then
        raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = from_kind::text;
      end if;
      -- A shared device: only the device id moves; the known person keeps their history.
      update public.subject_identifiers i set subject_id = to_subject, linked_at = now()
      where i.workspace_id = ws and i.kind = from_kind and i.identifier_hash = from_hash;
    else
      merged := true;
      update public.subject_identifiers i set subject_id = to_subject, linked_at = now() where i.subject_id = from_subject;
      update public.subjects s set merged_into = to_subject, merged_at = now() where s.id = from_subject;
      update public.subjects s set merged_into = to_subject where s.merged_into = from_subject;
      -- The projection moves across: for each purpose the newer state wins.
      for locked in select * from public.consent_state s where s.subject_id = from_subject loop
        insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
          last_event_id, updated_at, confirmation_token_hash)
        values (ws, to_subject, locked.purpose_id, locked.state, locked.separately_given, locked.method, locked.expires_at,
          locked.last_event_id, locked.updated_at, locked.confirmation_token_hash)
        on conflict (subject_id, purpose_id) do update set
          state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
          expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
          confirmation_token_hash = excluded.confirmation_token_hash
        where public.consent_state.updated_at < excluded.updated_at;
      end loop;
      delete from public.consent_state s where s.subject_id = from_subject;
      if exists (select 1 from public.preferences p where p.subject_id = from_subject) then
        if not exists (select 1 from public.preferences p where p.subject_id = to_subject) then
          update public.preferences p set subject_id = to_subject where p.subject_id = from_subject;
        else
          update public.preferences t set channels = f.channels, topics = f.topics, frequency_cap_max = f.frequency_cap_max,
            frequency_cap_period = f.frequency_cap_period, quiet_hours_start = f.quiet_hours_start,
            quiet_hours_end = f.quiet_hours_end, quiet_hours_time_zone = f.quiet_hours_time_zone,
            updated_at = f.updated_at, last_event_id = f.last_event_id
          from public.preferences f
          where t.subject_id = to_subject and f.subject_id = from_subject and f.updated_at > t.updated_at;
          delete from public.preferences p where p.subject_id = from_subject;
        end if;
      end if;
      update public.contact_log c set subject_id = to_subject where c.subject_id = from_subject;
    end if;
  end if;
  -- The identifier's own rules: an address is not given what it never confirmed.
  message_id := private.hold_unconfirmed_double_opt_in(ws, to_subject,
    case when from_kind in ('email', 'phone') then from_kind else to_kind end,
    case when from_kind in ('email', 'phone') then from_value else to_value end);
  perform private.append_audit(ws, 'subject.linked', 'subject', to_subject::text,
    case when from_subject is null then null else jsonb_build_object('subject_id', from_subject) end,
    jsonb_build_object('subject_id', to_subject, 'from_kind', from_kind, 'to_kind', to_kind, 'merged', merged));
  return jsonb_build_object('subjectId', to_subject, 'confirmationMessageId', message_id);
end
$$;
revoke all on function public.link_subjects(workspace_id uuid, from_kind public.identifier_kind, from_value text, to_kind public.identifier_kind, to_value text) from public, anon, authenticated, service_role;
grant execute on function public.link_subjects(workspace_id uuid, from_kind public.identifier_kind, from_value text, to_kind public.identifier_kind, to_value text) to service_role;

-- Stores the sealed value of an identifier the caller just recorded (same transaction as the
-- recording): the service only. Returns the keyed hash it was filed under (null when the value is
-- not a valid identifier of its kind). A value already kept is left alone.
create or replace function public.store_identifier_value(workspace_id uuid, kind public.identifier_kind, identifier_hash text, ciphertext bytea)
returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  made integer;
begin
  perform private.assert_workspace_access(workspace_id);
  insert into private.subject_identifier_values (identifier_id, workspace_id, ciphertext)
  select i.id, i.workspace_id, store_identifier_value.ciphertext from public.subject_identifiers i
  where i.workspace_id = store_identifier_value.workspace_id and i.kind = store_identifier_value.kind
    and i.identifier_hash = store_identifier_value.identifier_hash
  on conflict (identifier_id) do nothing;
  get diagnostics made = row_count;
  return made > 0;
end
$$;
revoke all on function public.store_identifier_value(workspace_id uuid, kind public.identifier_kind, identifier_hash text, ciphertext bytea) from public, anon, authenticated, service_role;
grant execute on function public.store_identifier_value(workspace_id uuid, kind public.identifier_kind, identifier_hash text, ciphertext bytea) to service_role;
