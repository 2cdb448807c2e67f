-- Ledger correctness (issue 16): what the API and the README promise, the ledger does.
--
-- 1. A double opt-in started from a browser produces its confirmation message. The browser never
--    sees the token (record_browser_consent strips it), so the address must: the message goes
--    into public.outbound_messages (the console's Outbox; the server sends it by SMTP when
--    configured), in the person's language (the recording's locale → en / zh-CN / zh-TW), with a
--    link to /<locale>/double-opt-in?token=…, whose page POSTs the token (mail scanners that
--    follow links must not confirm). The text is chosen here, never by the caller. The link is
--    queued as a path on its own line, as the preference centre's are; the server then makes it
--    absolute with public.set_outbound_link_base (service role only: anon must never choose the
--    site a message to somebody else's address points at).
-- 2. Linking never grants what the identifier's own rules would not. After link_subjects, a
--    subject known by an email address or phone number whose double opt-in purpose is given only
--    by an unconfirmed identifier (a device, a member id) is put back on hold: a `requested` event
--    under the address, a fresh token, and the confirmation message to the address when the link
--    named it. "Confirmed" means a `given` under an email address or phone number (a double
--    opt-in confirmation, or a preference-centre change after proving control) since the purpose
--    was last refused, withdrawn, expired or put on hold.
-- 4. A channel preference under "*" means every purpose: a submission carrying "*" replaces the
--    per-purpose entries too (private.merge_channel_preferences), so a fresh opt-in after an SMS
--    STOP (which wrote a per-purpose entry without SMS) restores SMS. Used by the API recording
--    and by the preference centre.
-- 5. public.expire_due_consents sweeps every workspace (service role; lib/consent/expiry-schedule.ts
--    calls it on a timer in the embedded profile and from the worker in production). The `expired`
--    events are ordinary ledger appends, so the outbox trigger announces them.
-- 6. A purpose's double opt-in and consent lifetime decide what the ledger records: only owners
--    and admins change them (legal may still edit names and descriptions); the purposes audit
--    trigger already records every change.
--
-- Re-created here (bodies otherwise as before): private.record_consent_core,
-- public.record_browser_consent, public.link_subjects, public.record_subject_choices.

-- ---------------------------------------------------------------------------------------------
-- 4. Channel preferences.

create function private.merge_channel_preferences(stored jsonb, submitted jsonb)
returns jsonb
language sql immutable set search_path = ''
as $$
  select case when submitted ? '*' then submitted else coalesce(stored, '{}'::jsonb) || submitted end
$$;

-- ---------------------------------------------------------------------------------------------
-- 1. The confirmation message.

-- The outbox languages for a recording's BCP 47 locale.
create function private.message_locale(locale text)
returns text
language sql immutable set search_path = ''
as $$
  select case
    when lower(coalesce(locale, '')) ~ '^zh-(tw|hk|mo|hant)' then 'zh-TW'
    when lower(coalesce(locale, '')) ~ '^zh' then 'zh-CN'
    else 'en'
  end
$$;

-- Queues the message asking `value` to confirm under `token`; returns its id.
create function private.queue_double_opt_in_message(workspace_id uuid, kind public.identifier_kind, value text, locale text, token text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  normalised text := private.try_normalise_identifier(kind, value);
  lang text := private.message_locale(locale);
  entity text;
  link_path text;
  subject_line text;
  body text;
  message_id uuid;
begin
  if normalised is null or kind not in ('email', 'phone') then
    return null;
  end if;
  select w.legal_entity_name into entity from public.workspaces w where w.id = queue_double_opt_in_message.workspace_id;
  link_path := '/' || lang || '/double-opt-in?token=' || token;
  if kind = 'email' then
    subject_line := case lang when 'zh-CN' then '请确认您的订阅' when 'zh-TW' then '請確認您的訂閱' else 'Please confirm your subscription' end;
    body := case lang
      when 'zh-CN' then format(E'您刚刚同意%s通过此地址与您联系。请在 7 天内打开此链接确认：\n%s\n\n确认之前，我们不会向您发送营销信息。如果这不是您本人的操作，请忽略此消息。', entity, link_path)
      when 'zh-TW' then format(E'您剛剛同意%s透過此地址與您聯絡。請在 7 天內開啟此連結確認：\n%s\n\n確認之前，我們不會向您傳送行銷訊息。如果這不是您本人的操作，請忽略此訊息。', entity, link_path)
      else format(E'You have just agreed that %s may contact you at this address. Please confirm within 7 days by opening this link:\n%s\n\nUntil you confirm, we will not contact you. If you did not ask for this, ignore this message.', entity, link_path)
    end;
  else
    subject_line := case lang when 'zh-CN' then '确认订阅' when 'zh-TW' then '確認訂閱' else 'Confirm your subscription' end;
    body := case lang
      when 'zh-CN' then format(E'【%s】请在 7 天内打开链接确认订阅：\n%s', entity, link_path)
      when 'zh-TW' then format(E'【%s】請在 7 天內開啟連結確認訂閱：\n%s', entity, link_path)
      else format(E'%s: confirm your subscription within 7 days:\n%s', entity, link_path)
    end;
  end if;
  insert into public.outbound_messages (workspace_id, channel, recipient, recipient_masked, locale, subject_line, body, body_redacted)
  values (queue_double_opt_in_message.workspace_id, case when kind = 'email' then 'email' else 'sms' end, normalised,
    private.mask_recipient(kind, normalised), lang, left(subject_line, 200), body,
    replace(body, link_path, '/' || lang || '/double-opt-in?token=…'))
  returning id into message_id;
  return message_id;
end
$$;

-- The server makes a just-queued message's link lines absolute (CONSENTRY_PUBLIC_URL or the
-- request's own origin). Service role only.
create function public.set_outbound_link_base(message_id uuid, base_url text)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  base text := regexp_replace(coalesce(base_url, ''), '/+$', '');
begin
  if base !~ '^https?://[A-Za-z0-9.:\[\]-]{1,253}$' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'base_url';
  end if;
  update public.outbound_messages m set
    body = regexp_replace(m.body, '^(/\S*)$', base || '\1', 'gn'),
    body_redacted = regexp_replace(m.body_redacted, '^(/\S*)$', base || '\1', 'gn')
  where m.id = set_outbound_link_base.message_id and m.status = 'queued' and m.redacted_at is null
    and m.created_at > now() - interval '10 minutes';
end
$$;

-- The browser path: as in 20261124093000_live_pages.sql, plus the confirmation message.
create or replace function public.record_browser_consent(public_key text, origin text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  experience public.experiences;
  version_id uuid;
  result jsonb;
begin
  select * into experience from public.experiences e where e.public_key = record_browser_consent.public_key;
  if not found or experience.live_version_id is null then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'public key';
  end if;
  if origin is not null and not (origin = any (experience.allowed_origins)) then
    raise exception 'consentry.origin_not_allowed' using errcode = 'P0001', detail = origin;
  end if;
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'payload';
  end if;
  -- A page shown before a rollback or a new publication records the version it showed.
  if nullif(payload ->> 'experienceVersionId', '') is null then
    version_id := experience.live_version_id;
  elsif private.is_uuid(payload ->> 'experienceVersionId') then
    select v.id into version_id from public.experience_versions v
    where v.id = (payload ->> 'experienceVersionId')::uuid and v.experience_id = experience.id;
  end if;
  if version_id is null then
    raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
  end if;
  if coalesce(payload ->> 'channel', '') not in ('web', 'app', 'mini_program')
     and not (origin is null and payload ->> 'channel' = 'store') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'channel';
  end if;
  if coalesce(payload ->> 'method', '') not in ('click_accept', 'click_reject', 'save', 'toggle', 'gpc_signal') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  if coalesce(payload ->> 'expressedBy', '') not in ('subject', 'guardian') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'expressedBy';
  end if;
  result := private.record_consent_core(payload || jsonb_build_object(
    'workspaceId', experience.workspace_id, 'experienceVersionId', version_id));
  -- The confirmation link goes to the address, never back to the browser that typed it.
  if result ? 'confirmationToken' then
    result := result || jsonb_build_object('confirmationMessageId', private.queue_double_opt_in_message(
      experience.workspace_id, (payload #>> '{subject,kind}')::public.identifier_kind, payload #>> '{subject,value}',
      payload ->> 'locale', result ->> 'confirmationToken'));
  end if;
  return result - 'confirmationToken';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- 2. Linking and double opt-in.

-- Puts back on hold every double opt-in purpose of `subject_id` (locked by the caller) that is
-- given without a confirmation by an email address or phone number, once the subject is known by
-- one. `address_kind` / `address_value`: the address the link named, which gets the message;
-- null when the link named none (the hold is recorded under an address the subject already has,
-- and a later recording or the preference centre confirms it). Returns the queued message's id,
-- or null when nothing was held or there is no address to write to.
create function private.hold_unconfirmed_double_opt_in(workspace_id uuid, subject_id uuid,
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

-- As in 20261123220000_consent_ledger.sql, plus the hold after linking; it now answers
-- {subjectId, confirmationMessageId} so that the server can send the message it queued.
drop function public.link_subjects(uuid, public.identifier_kind, text, public.identifier_kind, text);
create function public.link_subjects(workspace_id uuid, from_kind public.identifier_kind, from_value text,
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

-- ---------------------------------------------------------------------------------------------
-- Recording: as before, with channel preferences merged by private.merge_channel_preferences.

create or replace function private.record_consent_core(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  received timestamptz := clock_timestamp();
  ws uuid;
  idem_key text := payload ->> 'idempotencyKey';
  body jsonb := payload - 'idempotencyKey';
  request_hash text;
  stored public.idempotency_keys;
  version public.experience_versions;
  allowed_purposes text[];
  allowed_channels text[];
  allowed_topics text[];
  kind public.identifier_kind;
  id_hash text;
  subject public.subjects;
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  channel_value public.collection_channel;
  method_value public.consent_method;
  expressed public.expressed_by;
  type_value public.consent_type;
  occurred timestamptz;
  language_value text := payload ->> 'locale';
  region_code text := payload #>> '{region,code}';
  region_resolution jsonb;
  context_value jsonb := '{}'::jsonb;
  ip inet;
  prefs jsonb := payload -> 'preferences';
  pref_key text;
  pref_value jsonb;
  item jsonb;
  new_state public.consent_status;
  token text;
  token_hash text;
  event public.consent_events;
  event_ids jsonb := '[]'::jsonb;
  states jsonb := '[]'::jsonb;
  last_event_id uuid;
  result jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' or not private.is_uuid(payload ->> 'workspaceId') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'workspaceId';
  end if;
  ws := (payload ->> 'workspaceId')::uuid;
  if not exists (select 1 from public.workspaces w where w.id = ws) then
    raise exception 'consentry.not_found' using errcode = 'P0001', detail = 'workspace';
  end if;

  -- Idempotency first: a replay must not depend on the catalog as it is now.
  if idem_key is not null then
    if char_length(idem_key) not between 1 and 255 then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'idempotencyKey';
    end if;
    -- Before anything that could wait on another transaction: an in-flight twin is refused at once.
    if not pg_try_advisory_xact_lock(hashtextextended(ws::text || ':' || idem_key, 727011)) then
      raise exception 'consentry.idempotency_in_flight' using errcode = 'P0001', detail = idem_key;
    end if;
    request_hash := encode(private.hmac_sha256(private.workspace_secret(ws), convert_to(body::text, 'UTF8')), 'hex');
    select * into stored from public.idempotency_keys k where k.workspace_id = ws and k.key = idem_key;
    if found and stored.expires_at > received then
      if stored.request_hash <> request_hash then
        raise exception 'consentry.idempotency_mismatch' using errcode = 'P0001', detail = idem_key;
      end if;
      if stored.status = 'in_flight' then
        raise exception 'consentry.idempotency_in_flight' using errcode = 'P0001', detail = idem_key;
      end if;
      return stored.response || jsonb_build_object('replayed', true);
    end if;
  end if;

  -- What the person was shown, and therefore what they may have chosen.
  if nullif(payload ->> 'experienceVersionId', '') is not null then
    if not private.is_uuid(payload ->> 'experienceVersionId') then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select * into version from public.experience_versions v
    where v.id = (payload ->> 'experienceVersionId')::uuid and v.workspace_id = ws;
    if not found then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
    where jsonb_typeof(x) = 'string';
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_channels
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "channel_preferences").channels[*]', '{}', true) x;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_topics
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]', '{}', true) x;
  end if;

  begin
    kind := payload #>> '{subject,kind}';
    channel_value := payload ->> 'channel';
    method_value := payload ->> 'method';
    expressed := payload ->> 'expressedBy';
    type_value := coalesce(payload ->> 'consentType', case when payload ->> 'method' = 'gpc_signal' then 'opt_out' else 'explicit' end);
  exception when invalid_text_representation or null_value_not_allowed then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'enum';
  end;
  if kind is null or channel_value is null or method_value is null or expressed is null then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'subject, channel, method, expressedBy';
  end if;
  if method_value in ('expiry', 'sms_keyword', 'double_opt_in_confirm') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  if language_value is null or language_value !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(language_value) > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if region_code is null or region_code !~ '^[A-Za-z0-9_-]{1,32}$' or jsonb_typeof(payload -> 'region') <> 'object'
     or coalesce(payload #>> '{region,resolvedBy}', '') !~ '^[a-z_]{1,32}$' or octet_length((payload -> 'region')::text) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'region';
  end if;
  region_resolution := jsonb_build_object('method', payload #>> '{region,resolvedBy}') || ((payload -> 'region') - 'code' - 'resolvedBy');

  -- Event time: the client's claim, within bounds (imports may carry old decisions).
  begin
    occurred := coalesce((payload ->> 'occurredAt')::timestamptz, received);
  exception when others then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001', detail = payload ->> 'occurredAt';
  end;
  if occurred > received + interval '5 minutes'
     or occurred < received - (case when method_value = 'api_import' then interval '20 years' else interval '1 day' end) then
    raise exception 'consentry.invalid_event_time' using errcode = 'P0001', detail = private.utc_text(occurred);
  end if;

  if jsonb_typeof(payload -> 'decisions') is distinct from 'array' or jsonb_array_length(payload -> 'decisions') not between 1 and 50 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  if (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(payload -> 'decisions') d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions: a purpose appears twice';
  end if;
  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = (decision ->> 'purposeId')::uuid)
       or (version.id is not null and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
    if coalesce(decision ->> 'state', '') not in ('given', 'refused', 'withdrawn')
       or (decision ? 'separate' and jsonb_typeof(decision -> 'separate') <> 'boolean') then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.state';
    end if;
  end loop;

  -- Preferences: every purpose, channel and topic must be one the person was offered.
  if prefs is not null and jsonb_typeof(prefs) <> 'null' then
    if jsonb_typeof(prefs) <> 'object' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences';
    end if;
    if prefs ? 'channels' then
      if jsonb_typeof(prefs -> 'channels') <> 'object' then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
      end if;
      for pref_key, pref_value in select e.key, e.value from jsonb_each(prefs -> 'channels') e loop
        if pref_key <> '*' and (not private.is_uuid(pref_key)
             or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = pref_key::uuid)
             or (version.id is not null and not pref_key = any (allowed_purposes))) then
          raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = pref_key;
        end if;
        if jsonb_typeof(pref_value) <> 'array' then
          raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
        end if;
        for item in select x from jsonb_array_elements(pref_value) x loop
          if jsonb_typeof(item) <> 'string'
             or not (item #>> '{}') = any (enum_range(null::public.contact_channel)::text[])
             or (version.id is not null and not (item #>> '{}') = any (allowed_channels)) then
            raise exception 'consentry.unknown_channel' using errcode = 'P0001', detail = item #>> '{}';
          end if;
        end loop;
      end loop;
    end if;
    if prefs ? 'topics' then
      if jsonb_typeof(prefs -> 'topics') <> 'array' or jsonb_array_length(prefs -> 'topics') > 100 then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.topics';
      end if;
      for item in select x from jsonb_array_elements(prefs -> 'topics') x loop
        if not private.is_uuid(item #>> '{}')
           or not exists (select 1 from public.topics t where t.workspace_id = ws and t.id = (item #>> '{}')::uuid)
           or (version.id is not null and not (item #>> '{}') = any (allowed_topics)) then
          raise exception 'consentry.unknown_topic' using errcode = 'P0001', detail = item #>> '{}';
        end if;
      end loop;
    end if;
    if jsonb_typeof(prefs -> 'frequencyCap') = 'object' and (
         coalesce(prefs #>> '{frequencyCap,max}', '') !~ '^[0-9]{1,4}$'
         or (prefs #>> '{frequencyCap,max}')::int not between 1 and 1000
         or coalesce(prefs #>> '{frequencyCap,period}', '') not in ('week', 'month')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.frequencyCap';
    end if;
    if jsonb_typeof(prefs -> 'quietHours') = 'object' and (
         coalesce(prefs #>> '{quietHours,start}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or coalesce(prefs #>> '{quietHours,end}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or not private.is_time_zone(prefs #>> '{quietHours,timeZone}')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.quietHours';
    end if;
  else
    prefs := null;
  end if;

  -- Context: the IP is truncated here whatever the caller sent (/24 for IPv4, /48 for IPv6).
  if payload #>> '{context,ipTruncated}' is not null then
    begin
      ip := (payload #>> '{context,ipTruncated}')::inet;
    exception when others then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'context.ipTruncated';
    end;
    context_value := context_value || jsonb_build_object('ip_truncated',
      host(set_masklen(ip, case when family(ip) = 4 then 24 else 48 end)::cidr));
  end if;
  if payload #>> '{context,userAgent}' is not null then
    context_value := context_value || jsonb_build_object('user_agent', left(payload #>> '{context,userAgent}', 512));
  end if;
  if payload #>> '{context,pageUrl}' is not null then
    context_value := context_value || jsonb_build_object('page_url', left(payload #>> '{context,pageUrl}', 2048));
  end if;
  if idem_key is not null then
    context_value := context_value || jsonb_build_object('idempotency_key', idem_key);
  end if;
  if payload ->> 'withdrawUrl' is not null and (payload ->> 'withdrawUrl' !~ '^https?://' or char_length(payload ->> 'withdrawUrl') > 2048) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'withdrawUrl';
  end if;

  -- The subject, locked: this is the only lock that orders writes, and it is per person.
  id_hash := private.identifier_hash(ws, kind, payload #>> '{subject,value}');
  subject := private.lock_subject(ws, kind, id_hash, true);

  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject.id and s.purpose_id = purpose.id;
    new_state := (decision ->> 'state')::public.consent_status;
    token_hash := null;
    if new_state = 'given' then
      if current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > occurred) then
        new_state := 'renewed_given';
      elsif purpose.double_opt_in and kind in ('email', 'phone') then
        new_state := 'requested';
        token := coalesce(token, private.new_token('doi_'));
        token_hash := encode(sha256(convert_to(token, 'UTF8')), 'hex');
      end if;
    end if;

    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := kind;
    event.identifier_hash := id_hash;
    event.occurred_at := occurred;
    event.received_at := received;
    event.expressed_by := expressed;
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := purpose.id;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := coalesce((decision ->> 'separate')::boolean, method_value <> 'click_accept');
    event.experience_version_id := version.id;
    event.notice_versions := coalesce(version.notice_versions, '{}'::jsonb);
    event.language := language_value;
    event.region_code := region_code;
    event.region_resolution := region_resolution;
    event.consent_type := type_value;
    event.method := method_value;
    event.channel := channel_value;
    event.state := new_state;
    event.expires_at := case
      when new_state = 'requested' then received + interval '7 days'
      when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
        then occurred + make_interval(days => purpose.consent_valid_days)
    end;
    event.withdraw_url := payload ->> 'withdrawUrl';
    event.preferences := prefs;
    event.context := context_value;
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, token_hash);
    event_ids := event_ids || to_jsonb(event.id::text);
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
    last_event_id := event.id;
  end loop;

  if prefs is not null then
    insert into public.preferences as p (subject_id, workspace_id, channels, topics, frequency_cap_max, frequency_cap_period,
      quiet_hours_start, quiet_hours_end, quiet_hours_time_zone, updated_at, last_event_id)
    values (subject.id, ws, coalesce(prefs -> 'channels', '{}'::jsonb),
      coalesce((select array_agg((x #>> '{}')::uuid) from jsonb_array_elements(prefs -> 'topics') x), '{}'),
      (prefs #>> '{frequencyCap,max}')::int, prefs #>> '{frequencyCap,period}',
      (prefs #>> '{quietHours,start}')::time, (prefs #>> '{quietHours,end}')::time, prefs #>> '{quietHours,timeZone}',
      received, last_event_id)
    on conflict (subject_id) do update set
      channels = case when prefs ? 'channels' then private.merge_channel_preferences(p.channels, excluded.channels) else p.channels end,
      topics = case when prefs ? 'topics' then excluded.topics else p.topics end,
      frequency_cap_max = case when prefs ? 'frequencyCap' then excluded.frequency_cap_max else p.frequency_cap_max end,
      frequency_cap_period = case when prefs ? 'frequencyCap' then excluded.frequency_cap_period else p.frequency_cap_period end,
      quiet_hours_start = case when prefs ? 'quietHours' then excluded.quiet_hours_start else p.quiet_hours_start end,
      quiet_hours_end = case when prefs ? 'quietHours' then excluded.quiet_hours_end else p.quiet_hours_end end,
      quiet_hours_time_zone = case when prefs ? 'quietHours' then excluded.quiet_hours_time_zone else p.quiet_hours_time_zone end,
      updated_at = excluded.updated_at, last_event_id = excluded.last_event_id;
  end if;

  result := jsonb_build_object('subjectId', subject.id, 'eventIds', event_ids, 'states', states,
    'receivedAt', private.utc_text(received), 'replayed', false);
  if idem_key is not null then
    -- The token is never stored: a replay does not return it.
    insert into public.idempotency_keys (workspace_id, key, request_hash, status, response, expires_at)
    values (ws, idem_key, request_hash, 'done', result, received + interval '24 hours')
    on conflict (workspace_id, key) do update set request_hash = excluded.request_hash, status = 'done',
      response = excluded.response, created_at = now(), expires_at = excluded.expires_at;
  end if;
  if token is not null then
    result := result || jsonb_build_object('confirmationToken', token);
  end if;
  return result;
end
$$;

create or replace function public.record_subject_choices(session_token text, public_id text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
  received timestamptz := clock_timestamp();
  live record;
  version public.experience_versions;
  where_from record;
  method_value public.consent_method;
  allowed_purposes text[];
  allowed_channels text[];
  allowed_topics text[];
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  new_state public.consent_status;
  prefs jsonb := payload -> 'preferences';
  pref_key text;
  pref_value jsonb;
  item jsonb;
  stored public.preferences;
  next_channels jsonb;
  next_topics uuid[];
  prefs_changed boolean := false;
  context_value jsonb;
  event public.consent_events;
  event_ids uuid[] := '{}';
  states jsonb := '[]'::jsonb;
  carrier uuid;
  result jsonb;
begin
  select * into where_from from private.centre_locale_region(payload);
  select * into live from private.live_experience_of(public_id);
  select * into version from public.experience_versions v where v.id = live.version_id;
  if coalesce(payload ->> 'method', '') not in ('save', 'toggle', 'click_accept') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  method_value := (payload ->> 'method')::public.consent_method;
  context_value := private.centre_event_context(payload -> 'context');

  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
  where jsonb_typeof(x) = 'string';
  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_channels
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "channel_preferences").channels[*]', '{}', true) x;
  select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_topics
  from jsonb_path_query(version.document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]', '{}', true) x;

  if jsonb_typeof(coalesce(payload -> 'decisions', '[]'::jsonb)) <> 'array' or jsonb_array_length(coalesce(payload -> 'decisions', '[]'::jsonb)) > 50
     or (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  for decision in select d from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d loop
    if jsonb_typeof(decision -> 'given') is distinct from 'boolean' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.given';
    end if;
    -- Giving needs the version shown to offer the purpose; withdrawing needs only that it is the workspace's.
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = subject_session.workspace_id and p.id = (decision ->> 'purposeId')::uuid)
       or ((decision -> 'given')::boolean and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
  end loop;

  -- Preferences: every purpose, channel and topic must be one the version offers.
  if prefs is not null and jsonb_typeof(prefs) <> 'null' then
    if jsonb_typeof(prefs) <> 'object' then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences';
    end if;
    if prefs ? 'channels' then
      if jsonb_typeof(prefs -> 'channels') <> 'object' then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
      end if;
      for pref_key, pref_value in select e.key, e.value from jsonb_each(prefs -> 'channels') e loop
        if pref_key <> '*' and not pref_key = any (allowed_purposes) then
          raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = pref_key;
        end if;
        if jsonb_typeof(pref_value) <> 'array' then
          raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.channels';
        end if;
        for item in select x from jsonb_array_elements(pref_value) x loop
          if jsonb_typeof(item) <> 'string' or not (item #>> '{}') = any (allowed_channels) then
            raise exception 'consentry.unknown_channel' using errcode = 'P0001', detail = item #>> '{}';
          end if;
        end loop;
      end loop;
    end if;
    if prefs ? 'topics' then
      if jsonb_typeof(prefs -> 'topics') <> 'array' or jsonb_array_length(prefs -> 'topics') > 100 then
        raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.topics';
      end if;
      for item in select x from jsonb_array_elements(prefs -> 'topics') x loop
        if jsonb_typeof(item) <> 'string' or not (item #>> '{}') = any (allowed_topics) then
          raise exception 'consentry.unknown_topic' using errcode = 'P0001', detail = item #>> '{}';
        end if;
      end loop;
    end if;
    if prefs ? 'frequencyCap' and jsonb_typeof(prefs -> 'frequencyCap') <> 'null' and (
         jsonb_typeof(prefs -> 'frequencyCap') <> 'object'
         or coalesce(prefs #>> '{frequencyCap,max}', '') !~ '^[0-9]{1,4}$'
         or (prefs #>> '{frequencyCap,max}')::int not between 1 and 1000
         or coalesce(prefs #>> '{frequencyCap,period}', '') not in ('week', 'month')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.frequencyCap';
    end if;
    if prefs ? 'quietHours' and jsonb_typeof(prefs -> 'quietHours') <> 'null' and (
         jsonb_typeof(prefs -> 'quietHours') <> 'object'
         or coalesce(prefs #>> '{quietHours,start}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or coalesce(prefs #>> '{quietHours,end}', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
         or not private.is_time_zone(prefs #>> '{quietHours,timeZone}')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences.quietHours';
    end if;
    prefs := prefs - array(select k from jsonb_object_keys(prefs) k where k not in ('channels', 'topics', 'frequencyCap', 'quietHours'));
  else
    prefs := null;
  end if;

  -- The subject's row orders this against every other write for the same person.
  perform 1 from public.subjects s where s.id = subject_session.subject_id for update;

  if prefs is not null then
    select * into stored from public.preferences p where p.subject_id = subject_session.subject_id;
    next_channels := private.merge_channel_preferences(coalesce(stored.channels, '{}'::jsonb), coalesce(prefs -> 'channels', '{}'::jsonb));
    next_topics := case when prefs ? 'topics'
      then coalesce((select array_agg(distinct (x #>> '{}')::uuid order by (x #>> '{}')::uuid) from jsonb_array_elements(prefs -> 'topics') x), '{}')
      else coalesce(stored.topics, '{}') end;
    prefs_changed := stored.subject_id is null
      or next_channels is distinct from stored.channels
      or (select coalesce(array_agg(t order by t), '{}') from unnest(next_topics) t) is distinct from (select coalesce(array_agg(t order by t), '{}') from unnest(stored.topics) t)
      or (prefs ? 'frequencyCap' and ((prefs #>> '{frequencyCap,max}')::int is distinct from stored.frequency_cap_max
                                      or prefs #>> '{frequencyCap,period}' is distinct from stored.frequency_cap_period))
      or (prefs ? 'quietHours' and ((prefs #>> '{quietHours,start}')::time is distinct from stored.quiet_hours_start
                                    or (prefs #>> '{quietHours,end}')::time is distinct from stored.quiet_hours_end
                                    or prefs #>> '{quietHours,timeZone}' is distinct from stored.quiet_hours_time_zone));
  end if;

  for decision in select d from jsonb_array_elements(coalesce(payload -> 'decisions', '[]'::jsonb)) d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject_session.subject_id and s.purpose_id = purpose.id;
    new_state := null;
    if (decision -> 'given')::boolean then
      if not coalesce(current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > received), false) then
        new_state := 'given';
      end if;
    elsif current_row.state in ('given', 'renewed_given', 'requested') then
      new_state := 'withdrawn';
    elsif current_row.state is null then
      new_state := 'refused';
    end if;
    continue when new_state is null;
    event := private.append_centre_event(subject_session, version, purpose, new_state, method_value, method_value <> 'click_accept',
      where_from.locale, where_from.region_code, where_from.region_resolution, case when prefs_changed then prefs end, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end loop;

  if prefs_changed and cardinality(event_ids) = 0 then
    -- Preferences alone: an event restating a purpose's state carries them (a channel's own purpose first).
    select s.purpose_id into carrier from public.consent_state s
    where s.subject_id = subject_session.subject_id
    order by (s.purpose_id::text in (select k from jsonb_object_keys(coalesce(prefs -> 'channels', '{}'::jsonb)) k)) desc,
             (s.state in ('given', 'renewed_given')) desc, s.updated_at desc
    limit 1;
    if carrier is null then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'preferences without any consent';
    end if;
    select * into purpose from public.purposes p where p.id = carrier;
    select * into current_row from public.consent_state s where s.subject_id = subject_session.subject_id and s.purpose_id = carrier;
    new_state := case when current_row.state in ('given', 'renewed_given') then 'renewed_given' else current_row.state end;
    event := private.append_centre_event(subject_session, version, purpose, new_state, method_value, current_row.separately_given,
      where_from.locale, where_from.region_code, where_from.region_resolution, prefs, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end if;

  if prefs_changed then
    insert into public.preferences as p (subject_id, workspace_id, channels, topics, frequency_cap_max, frequency_cap_period,
      quiet_hours_start, quiet_hours_end, quiet_hours_time_zone, updated_at, last_event_id)
    values (subject_session.subject_id, subject_session.workspace_id, next_channels, next_topics,
      (prefs #>> '{frequencyCap,max}')::int, prefs #>> '{frequencyCap,period}',
      (prefs #>> '{quietHours,start}')::time, (prefs #>> '{quietHours,end}')::time, prefs #>> '{quietHours,timeZone}',
      received, event.id)
    on conflict (subject_id) do update set
      channels = excluded.channels, topics = excluded.topics,
      frequency_cap_max = case when prefs ? 'frequencyCap' then excluded.frequency_cap_max else p.frequency_cap_max end,
      frequency_cap_period = case when prefs ? 'frequencyCap' then excluded.frequency_cap_period else p.frequency_cap_period end,
      quiet_hours_start = case when prefs ? 'quietHours' then excluded.quiet_hours_start else p.quiet_hours_start end,
      quiet_hours_end = case when prefs ? 'quietHours' then excluded.quiet_hours_end else p.quiet_hours_end end,
      quiet_hours_time_zone = case when prefs ? 'quietHours' then excluded.quiet_hours_time_zone else p.quiet_hours_time_zone end,
      updated_at = excluded.updated_at, last_event_id = excluded.last_event_id;
  end if;

  result := jsonb_build_object('changed', cardinality(event_ids) > 0, 'eventIds', to_jsonb(event_ids), 'states', states);
  if cardinality(event_ids) > 0 then
    result := result || private.new_receipt(subject_session, version, 'change', event_ids);
  end if;
  return result;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- 5. Expiry across workspaces.

-- Records `expired` for everything due at `at` in every workspace, at most `max_rows` in all;
-- one row per workspace that had something due. `at` is a parameter so that tests (and a
-- catching-up worker) pass the time instead of waiting for it.
create function public.expire_due_consents(at timestamptz default now(), max_rows integer default 1000)
returns table (workspace_id uuid, expired integer)
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid;
  left_over integer := greatest(coalesce(max_rows, 1000), 0);
  n integer;
begin
  perform private.assert_workspace_access(null, '{owner}');
  for ws in
    select distinct s.workspace_id from public.consent_state s
    where s.state in ('given', 'renewed_given', 'requested') and s.expires_at <= expire_due_consents.at
    order by s.workspace_id
  loop
    exit when left_over = 0;
    n := public.expire_consents(ws, expire_due_consents.at, left_over);
    left_over := left_over - n;
    workspace_id := ws;
    expired := n;
    return next;
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- 6. Who changes a purpose's ledger rules.

create function private.guard_purpose_ledger_rules()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.double_opt_in is distinct from old.double_opt_in or new.consent_valid_days is distinct from old.consent_valid_days then
    perform private.assert_workspace_access(new.workspace_id, '{owner,admin}');
  end if;
  return new;
end
$$;
create trigger purposes_guard_ledger_rules before update of double_opt_in, consent_valid_days on public.purposes
  for each row execute function private.guard_purpose_ledger_rules();

-- ---------------------------------------------------------------------------------------------
-- Privileges.

revoke execute on function private.merge_channel_preferences(jsonb, jsonb) from public, anon, authenticated;
revoke execute on function private.message_locale(text) from public, anon, authenticated;
revoke execute on function private.queue_double_opt_in_message(uuid, public.identifier_kind, text, text, text) from public, anon, authenticated;
revoke execute on function private.hold_unconfirmed_double_opt_in(uuid, uuid, public.identifier_kind, text) from public, anon, authenticated;
revoke execute on function private.guard_purpose_ledger_rules() from public, anon, authenticated;
revoke execute on function public.link_subjects(uuid, public.identifier_kind, text, public.identifier_kind, text) from public, anon, authenticated, service_role;
grant execute on function public.link_subjects(uuid, public.identifier_kind, text, public.identifier_kind, text) to service_role;
revoke execute on function public.set_outbound_link_base(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.expire_due_consents(timestamptz, integer) from public, anon, authenticated, service_role;
grant execute on function public.set_outbound_link_base(uuid, text) to service_role;
grant execute on function public.expire_due_consents(timestamptz, integer) to service_role;
