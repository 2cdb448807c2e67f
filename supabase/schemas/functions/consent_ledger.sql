-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Appends `event` to the chain of its (locked) subject: seq, prev_hash and hash filled in.
create or replace function private.append_consent_event(event public.consent_events)
returns public.consent_events
language plpgsql security definer set search_path = ''
as $$
declare
  head_length bigint;
  head_hash text;
begin
  select s.chain_length, s.chain_head into head_length, head_hash from public.subjects s where s.id = event.subject_id;
  event.id := coalesce(event.id, gen_random_uuid());
  event.schema_version := 1;
  event.seq := head_length + 1;
  event.prev_hash := head_hash;
  event.context := coalesce(event.context, '{}'::jsonb);
  event.notice_versions := coalesce(event.notice_versions, '{}'::jsonb);
  event.hash := private.consent_event_hash(event);
  insert into public.consent_events select (event).*;
  update public.subjects s set chain_length = event.seq, chain_head = event.hash where s.id = event.subject_id;
  return event;
end
$$;
revoke all on function private.append_consent_event(event public.consent_events) from public;

-- The projection after a purpose-wide event.
create or replace function private.apply_consent_state(event public.consent_events, token_hash text)
returns void
language sql security definer set search_path = ''
as $$
  insert into public.consent_state (workspace_id, subject_id, purpose_id, state, separately_given, method, expires_at,
    last_event_id, updated_at, confirmation_token_hash)
  values (event.workspace_id, event.subject_id, event.purpose_id, event.state, event.separately_given, event.method,
    event.expires_at, event.id, event.received_at, token_hash)
  on conflict (subject_id, purpose_id) do update set
    state = excluded.state, separately_given = excluded.separately_given, method = excluded.method,
    expires_at = excluded.expires_at, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
    confirmation_token_hash = excluded.confirmation_token_hash
$$;
revoke all on function private.apply_consent_state(event public.consent_events, token_hash text) from public;

create or replace function private.consent_event_hash(e public.consent_events)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_array(
    'consentry.consent_event.v1', e.id::text, e.schema_version, e.workspace_id::text, e.subject_id::text, e.seq,
    e.identifier_kind::text, e.identifier_hash, private.utc_text(e.occurred_at), private.utc_text(e.received_at),
    e.expressed_by::text, e.controller, e.purpose_id::text, e.purpose, e.separately_given, e.experience_version_id::text,
    e.notice_versions, e.language, e.region_code, e.region_resolution, e.consent_type::text, e.method::text,
    e.channel::text, e.contact_channel::text, e.state::text, private.utc_text(e.expires_at), e.withdraw_url,
    e.preferences, e.context, e.prev_hash
  )::text, 'UTF8')), 'hex')
$$;
revoke all on function private.consent_event_hash(e public.consent_events) from public;

create or replace function private.controller_snapshot(workspace_id uuid)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('legal_entity_name', w.legal_entity_name, 'contact_address', w.contact_address)
  from public.workspaces w where w.id = workspace_id
$$;
revoke all on function private.controller_snapshot(workspace_id uuid) from public;

-- Puts back on hold every double opt-in purpose of `subject_id` (locked by the caller) that is
-- given without a confirmation by an email address or phone number, once the subject is known by
-- one. `address_kind` / `address_value`: the address the link named, which gets the message;
-- null when the link named none (the hold is recorded under an address the subject already has,
-- and a later recording or the preference centre confirms it). Returns the queued message's id,
-- or null when nothing was held or there is no address to write to.
create or replace function private.hold_unconfirmed_double_opt_in(workspace_id uuid, subject_id uuid,
  address_kind public.identifier_kind, address_value text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := hold_unconfirmed_double_opt_in.workspace_id;
  held public.consent_state;
  last_event public.consent_events;
  event public.consent_events;
  hold_kind public.identifier_kind;
  hold_hash text;
  received timestamptz := clock_timestamp();
  token text;
  token_hash text;
  language_value text;
  done integer := 0;
begin
  if address_kind in ('email', 'phone') and private.try_normalise_identifier(address_kind, address_value) is not null then
    hold_kind := address_kind;
    hold_hash := private.try_identifier_hash(ws, address_kind, address_value);
  else
    select i.kind, i.identifier_hash into hold_kind, hold_hash from public.subject_identifiers i
    where i.subject_id = hold_unconfirmed_double_opt_in.subject_id and i.kind in ('email', 'phone')
    order by i.kind, i.created_at limit 1;
    address_value := null;
  end if;
  if hold_hash is null then
    return null;
  end if;
  for held in
    select s.* from public.consent_state s join public.purposes p on p.id = s.purpose_id
    where s.subject_id = hold_unconfirmed_double_opt_in.subject_id and p.double_opt_in and s.state in ('given', 'renewed_given')
      and not exists (
        select 1 from public.consent_events g
        where g.subject_id in (select private.subject_family(hold_unconfirmed_double_opt_in.subject_id)) and g.purpose_id = s.purpose_id
          and g.state = 'given' and g.identifier_kind in ('email', 'phone')
          and g.received_at >= coalesce((
            select max(b.received_at) from public.consent_events b
            where b.subject_id in (select private.subject_family(hold_unconfirmed_double_opt_in.subject_id)) and b.purpose_id = s.purpose_id
              and b.state not in ('given', 'renewed_given')), '-infinity'::timestamptz))
    order by s.purpose_id
  loop
    select * into last_event from public.consent_events e where e.id = held.last_event_id;
    token := coalesce(token, private.new_token('doi_'));
    token_hash := encode(sha256(convert_to(token, 'UTF8')), 'hex');
    language_value := coalesce(language_value, last_event.language);
    event := last_event;
    event.id := null;
    event.subject_id := hold_unconfirmed_double_opt_in.subject_id;
    event.identifier_kind := hold_kind;
    event.identifier_hash := hold_hash;
    event.occurred_at := received;
    event.received_at := received;
    event.controller := private.controller_snapshot(ws);
    event.purpose := private.purpose_snapshot((select p from public.purposes p where p.id = held.purpose_id));
    event.expressed_by := 'operator';
    event.channel := 'api';
    event.contact_channel := null;
    event.state := 'requested';
    event.expires_at := received + interval '7 days';
    event.preferences := null;
    event.context := jsonb_build_object('held_after_link', last_event.id);
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, token_hash);
    done := done + 1;
  end loop;
  if done > 0 and address_value is not null then
    return private.queue_double_opt_in_message(ws, hold_kind, address_value, language_value, token);
  end if;
  return null;
end
$$;
revoke all on function private.hold_unconfirmed_double_opt_in(workspace_id uuid, subject_id uuid, address_kind public.identifier_kind, address_value text) from public;

-- The subject behind an identifier hash, locked (following merges), created when asked to.
create or replace function private.lock_subject(workspace_id uuid, kind public.identifier_kind, identifier_hash text, create_missing boolean)
returns public.subjects
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
declare
  found_id uuid;
  new_id uuid;
  subject public.subjects;
begin
  for attempt in 1..10 loop
    select i.subject_id into found_id from public.subject_identifiers i
    where i.workspace_id = lock_subject.workspace_id and i.kind = lock_subject.kind and i.identifier_hash = lock_subject.identifier_hash;
    if not found then
      if not create_missing then
        return null;
      end if;
      new_id := gen_random_uuid();
      insert into public.subjects (id, workspace_id) values (new_id, lock_subject.workspace_id);
      found_id := null;
      -- A concurrent first recording for the same identifier waits here, then finds it taken.
      insert into public.subject_identifiers (workspace_id, subject_id, kind, identifier_hash)
      values (lock_subject.workspace_id, new_id, lock_subject.kind, lock_subject.identifier_hash)
      on conflict (workspace_id, kind, identifier_hash) do nothing
      returning subject_id into found_id;
      if found_id is null then
        delete from public.subjects s where s.id = new_id;
        continue;
      end if;
    end if;
    select * into subject from public.subjects s where s.id = found_id for update;
    if subject.merged_into is null then
      return subject;
    end if;
    -- Linked meanwhile: the identifier has been re-pointed; look it up again.
  end loop;
  raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = 'identifier points at a merged subject';
end
$$;
revoke all on function private.lock_subject(workspace_id uuid, kind public.identifier_kind, identifier_hash text, create_missing boolean) from public;

create or replace function private.merge_channel_preferences(stored jsonb, submitted jsonb)
returns jsonb
language sql immutable set search_path = ''
as $$
  select case when submitted ? '*' then submitted else coalesce(stored, '{}'::jsonb) || submitted end
$$;
revoke all on function private.merge_channel_preferences(stored jsonb, submitted jsonb) from public;

create or replace function private.purpose_snapshot(p public.purposes)
returns jsonb
language sql immutable set search_path = ''
as $$
  select jsonb_build_object(
    'key', p.key, 'data_categories', to_jsonb(p.data_categories), 'sensitive', p.sensitive, 'legal_basis', p.legal_basis,
    'recipients', to_jsonb(p.recipients), 'third_party_recipient', p.third_party_recipient,
    'cross_border_recipient', p.cross_border_recipient, 'cross_border_country', p.cross_border_country,
    'separate_consent', (p.sensitive or p.separate_consent_sensitive or p.separate_consent_third_party
                         or p.separate_consent_cross_border or p.separate_consent_public_disclosure),
    'retention', p.retention, 'retention_days', p.retention_days, 'consent_valid_days', p.consent_valid_days,
    'dpv_purpose', p.dpv_purpose)
$$;
revoke all on function private.purpose_snapshot(p public.purposes) from public;
