-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.record_consent_core(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  received timestamptz := clock_timestamp();
  ws uuid;
  idem_key text := payload ->> 'idempotencyKey';
  -- Whose key it is (set by the caller's credential, see the header); 'workspace' for callers that name none.
  idem_scope text := coalesce(nullif(payload ->> 'idempotencyScope', ''), 'workspace');
  fingerprint text := payload ->> 'requestFingerprint';
  body jsonb := payload - 'idempotencyKey' - 'idempotencyScope' - 'requestFingerprint';
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
    if char_length(idem_scope) > 100 or (fingerprint is not null and fingerprint !~ '^[0-9a-f]{64}$') then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'idempotencyKey';
    end if;
    if not pg_try_advisory_xact_lock(hashtextextended(ws::text || ':' || idem_scope || ':' || idem_key, 727011)) then
      raise exception 'consentry.idempotency_in_flight' using errcode = 'P0001', detail = idem_key;
    end if;
    -- What the client sent, when the caller says (the body as it arrived), else the whole payload.
    request_hash := encode(private.hmac_sha256(private.workspace_secret(ws), convert_to(coalesce(fingerprint, body::text), 'UTF8')), 'hex');
    select * into stored from public.idempotency_keys k where k.workspace_id = ws and k.scope = idem_scope and k.key = idem_key;
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
    insert into public.idempotency_keys (workspace_id, scope, key, request_hash, status, response, expires_at)
    values (ws, idem_scope, idem_key, request_hash, 'done', result, received + interval '24 hours')
    on conflict (workspace_id, scope, key) do update set request_hash = excluded.request_hash, status = 'done',
      response = excluded.response, created_at = now(), expires_at = excluded.expires_at;
  end if;
  if token is not null then
    result := result || jsonb_build_object('confirmationToken', token);
  end if;
  return result;
end
$$;
revoke all on function private.record_consent_core(payload jsonb) from public;

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
  -- Idempotency keys of this public key's callers are theirs alone: never a server key's, whatever the payload says.
  result := private.record_consent_core(payload || jsonb_build_object(
    'workspaceId', experience.workspace_id, 'experienceVersionId', version_id, 'idempotencyScope', 'public:' || experience.id::text));
  -- The confirmation link goes to the address, never back to the browser that typed it.
  if result ? 'confirmationToken' then
    result := result || jsonb_build_object('confirmationMessageId', private.queue_double_opt_in_message(
      experience.workspace_id, (payload #>> '{subject,kind}')::public.identifier_kind, payload #>> '{subject,value}',
      payload ->> 'locale', result ->> 'confirmationToken'));
  end if;
  return result - 'confirmationToken';
end
$$;
revoke all on function public.record_browser_consent(public_key text, origin text, payload jsonb) from public, anon, authenticated, service_role;
grant execute on function public.record_browser_consent(public_key text, origin text, payload jsonb) to anon, authenticated, service_role;

-- The server path: the HTTP layer verified a workspace API key with scope consent:write.
create or replace function public.record_consent(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  if private.is_uuid(payload ->> 'workspaceId') then
    perform private.assert_workspace_access((payload ->> 'workspaceId')::uuid, '{owner,admin}');
  end if;
  return private.record_consent_core(payload);
end
$$;
revoke all on function public.record_consent(payload jsonb) from public, anon, authenticated, service_role;
grant execute on function public.record_consent(payload jsonb) to service_role;

-- payload: workspaceId, subjectId, identifierKind (one the subject has), channel (store |
-- call_centre), locale, regionCode, decisions [{purposeId, state: given|refused|withdrawn}],
-- experienceVersionId? (the published script or page read to the person: pins its notices),
-- reference? (a ticket or receipt number, ≤ 200 characters), userAgent?
create or replace function public.record_operator_consent(payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  received timestamptz := clock_timestamp();
  ws uuid;
  subject public.subjects;
  id_kind public.identifier_kind;
  id_hash text;
  version public.experience_versions;
  allowed_purposes text[];
  channel_value public.collection_channel;
  language_value text := payload ->> 'locale';
  region_value text := payload ->> 'regionCode';
  reference text := nullif(btrim(coalesce(payload ->> 'reference', '')), '');
  decision jsonb;
  purpose public.purposes;
  current_row public.consent_state;
  new_state public.consent_status;
  event public.consent_events;
  context_value jsonb;
  event_ids jsonb := '[]'::jsonb;
  states jsonb := '[]'::jsonb;
begin
  if jsonb_typeof(payload) is distinct from 'object' or not private.is_uuid(payload ->> 'workspaceId')
     or not private.is_uuid(payload ->> 'subjectId') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'workspaceId, subjectId';
  end if;
  ws := (payload ->> 'workspaceId')::uuid;
  perform private.assert_workspace_access(ws, '{owner,admin,legal}');

  if coalesce(payload ->> 'channel', '') not in ('store', 'call_centre') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'channel';
  end if;
  channel_value := payload ->> 'channel';
  if language_value is null or language_value !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(language_value) > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if region_value is null or region_value !~ '^[A-Za-z0-9_-]{1,32}$' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'regionCode';
  end if;
  if char_length(reference) > 200 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'reference';
  end if;
  if coalesce(payload ->> 'identifierKind', '') <> all (enum_range(null::public.identifier_kind)::text[]) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'identifierKind';
  end if;
  id_kind := payload ->> 'identifierKind';

  if nullif(payload ->> 'experienceVersionId', '') is not null then
    if private.is_uuid(payload ->> 'experienceVersionId') then
      select * into version from public.experience_versions v
      where v.id = (payload ->> 'experienceVersionId')::uuid and v.workspace_id = ws;
    end if;
    if version.id is null then
      raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
    end if;
    select coalesce(array_agg(distinct x #>> '{}'), '{}') into allowed_purposes
    from jsonb_path_query(version.document, 'lax $.** ? (@.type == "purpose_toggle").purposeId', '{}', true) x
    where jsonb_typeof(x) = 'string';
  end if;

  if jsonb_typeof(payload -> 'decisions') is distinct from 'array' or jsonb_array_length(payload -> 'decisions') not between 1 and 50
     or (select count(distinct d ->> 'purposeId') <> count(*) from jsonb_array_elements(payload -> 'decisions') d) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions';
  end if;
  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    if not private.is_uuid(decision ->> 'purposeId')
       or not exists (select 1 from public.purposes p where p.workspace_id = ws and p.id = (decision ->> 'purposeId')::uuid)
       or (version.id is not null and not (decision ->> 'purposeId') = any (allowed_purposes)) then
      raise exception 'consentry.unknown_purpose' using errcode = 'P0001', detail = coalesce(decision ->> 'purposeId', 'null');
    end if;
    if coalesce(decision ->> 'state', '') not in ('given', 'refused', 'withdrawn') then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'decisions.state';
    end if;
  end loop;

  -- The person, locked like every recording locks them; a subject merged into another records there.
  select * into subject from public.subjects s
  where s.id = (payload ->> 'subjectId')::uuid and s.workspace_id = ws for update;
  if not found then
    raise exception 'consentry.unknown_subject' using errcode = 'P0001';
  end if;
  if subject.merged_into is not null then
    raise exception 'consentry.subject_conflict' using errcode = 'P0001', detail = 'subject was merged';
  end if;
  -- Under the identifier the person gave the operator (the newest of that kind).
  select i.identifier_hash into id_hash from public.subject_identifiers i
  where i.subject_id = subject.id and i.kind = id_kind
  order by i.created_at desc, i.id limit 1;
  if id_hash is null then
    raise exception 'consentry.invalid_identifier' using errcode = 'P0001', detail = id_kind::text;
  end if;

  context_value := jsonb_strip_nulls(jsonb_build_object(
    'operator_id', (select auth.uid()),
    'operator_email', (select auth.jwt()) ->> 'email',
    'reference', reference,
    'user_agent', left(payload ->> 'userAgent', 512)));

  for decision in select d from jsonb_array_elements(payload -> 'decisions') d loop
    select * into purpose from public.purposes p where p.id = (decision ->> 'purposeId')::uuid;
    select * into current_row from public.consent_state s where s.subject_id = subject.id and s.purpose_id = purpose.id;
    new_state := (decision ->> 'state')::public.consent_status;
    if new_state = 'given' then
      if purpose.double_opt_in and id_kind in ('email', 'phone') then
        raise exception 'consentry.operator_double_opt_in' using errcode = 'P0001', detail = purpose.key;
      end if;
      if current_row.state in ('given', 'renewed_given') and (current_row.expires_at is null or current_row.expires_at > received) then
        new_state := 'renewed_given';
      end if;
    end if;

    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := id_kind;
    event.identifier_hash := id_hash;
    event.occurred_at := received;
    event.received_at := received;
    event.expressed_by := 'operator';
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := purpose.id;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := true;
    event.experience_version_id := version.id;
    event.notice_versions := coalesce(version.notice_versions, '{}'::jsonb);
    event.language := language_value;
    event.region_code := region_value;
    event.region_resolution := jsonb_build_object('method', 'operator');
    event.consent_type := 'explicit';
    event.method := 'operator_entry';
    event.channel := channel_value;
    event.state := new_state;
    event.expires_at := case when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
      then received + make_interval(days => purpose.consent_valid_days) end;
    event.context := context_value;
    event := private.append_consent_event(event);
    perform private.apply_consent_state(event, null);
    event_ids := event_ids || to_jsonb(event.id::text);
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', new_state);
  end loop;

  perform private.append_audit(ws, 'consent.operator_entry', 'subject', subject.id::text, null,
    jsonb_strip_nulls(jsonb_build_object('event_ids', event_ids, 'states', states, 'channel', channel_value,
      'experience_version_id', version.id, 'reference', reference)));
  return jsonb_build_object('subjectId', subject.id, 'eventIds', event_ids, 'states', states,
    'receivedAt', private.utc_text(received));
end
$$;
revoke all on function public.record_operator_consent(payload jsonb) from public, anon, authenticated, service_role;
grant execute on function public.record_operator_consent(payload jsonb) to authenticated;
