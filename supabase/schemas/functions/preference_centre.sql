-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- One event of the centre for `subject`, appended and projected.
create or replace function private.append_centre_event(subject_session public.subject_sessions, version public.experience_versions,
  purpose public.purposes, new_state public.consent_status, method public.consent_method, separately boolean,
  locale text, region_code text, region_resolution jsonb, prefs jsonb, context jsonb, received timestamptz)
returns public.consent_events
language plpgsql security definer set search_path = ''
as $$
declare
  event public.consent_events;
begin
  event.workspace_id := subject_session.workspace_id;
  event.subject_id := subject_session.subject_id;
  event.identifier_kind := subject_session.identifier_kind;
  event.identifier_hash := subject_session.identifier_hash;
  event.occurred_at := received;
  event.received_at := received;
  event.expressed_by := 'subject';
  event.controller := private.controller_snapshot(subject_session.workspace_id);
  event.purpose_id := purpose.id;
  event.purpose := private.purpose_snapshot(purpose);
  event.separately_given := separately;
  event.experience_version_id := version.id;
  event.notice_versions := version.notice_versions;
  event.language := locale;
  event.region_code := region_code;
  event.region_resolution := region_resolution;
  event.consent_type := 'explicit';
  event.method := method;
  event.channel := 'web';
  event.state := new_state;
  event.expires_at := case when new_state in ('given', 'renewed_given') and purpose.consent_valid_days is not null
    then received + make_interval(days => purpose.consent_valid_days) end;
  event.withdraw_url := null;
  event.preferences := prefs;
  event.context := context;
  event := private.append_consent_event(event);
  perform private.apply_consent_state(event, null);
  return event;
end
$$;
revoke all on function private.append_centre_event(subject_session public.subject_sessions, version public.experience_versions, purpose public.purposes, new_state public.consent_status, method public.consent_method, separately boolean, locale text, region_code text, region_resolution jsonb, prefs jsonb, context jsonb, received timestamp with time zone) from public;

-- The context recorded on an event: truncated IP (as the ledger truncates it), user agent, page.
create or replace function private.centre_event_context(context jsonb)
returns jsonb
language plpgsql immutable set search_path = ''
as $$
declare
  result jsonb := '{}'::jsonb;
  ip inet;
begin
  if jsonb_typeof(context) is distinct from 'object' then
    return result;
  end if;
  if context ->> 'ipTruncated' is not null then
    begin
      ip := (context ->> 'ipTruncated')::inet;
      result := result || jsonb_build_object('ip_truncated', host(set_masklen(ip, case when family(ip) = 4 then 24 else 48 end)::cidr));
    exception when others then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'context.ipTruncated';
    end;
  end if;
  if context ->> 'userAgent' is not null then
    result := result || jsonb_build_object('user_agent', left(context ->> 'userAgent', 512));
  end if;
  if context ->> 'pageUrl' is not null then
    result := result || jsonb_build_object('page_url', left(context ->> 'pageUrl', 2048));
  end if;
  return result || jsonb_build_object('preference_centre', true);
end
$$;
revoke all on function private.centre_event_context(context jsonb) from public;

-- Locale and region of a centre payload, checked as the ledger checks them.
create or replace function private.centre_locale_region(payload jsonb)
returns table (locale text, region_code text, region_resolution jsonb)
language plpgsql immutable set search_path = ''
as $$
begin
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'payload';
  end if;
  if coalesce(payload ->> 'locale', '') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' or char_length(payload ->> 'locale') > 35 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'locale';
  end if;
  if jsonb_typeof(payload -> 'region') is distinct from 'object' or coalesce(payload #>> '{region,code}', '') !~ '^[A-Za-z0-9_-]{1,32}$'
     or coalesce(payload #>> '{region,resolvedBy}', '') !~ '^[a-z_]{1,32}$' or octet_length((payload -> 'region')::text) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'region';
  end if;
  return query select payload ->> 'locale', payload #>> '{region,code}',
    jsonb_build_object('method', payload #>> '{region,resolvedBy}') || ((payload -> 'region') - 'code' - 'resolvedBy');
end
$$;
revoke all on function private.centre_locale_region(payload jsonb) from public;

-- The live experience behind a public id: (experience id, workspace, live version), or nothing.
create or replace function private.live_experience_of(public_id text)
returns table (experience_id uuid, workspace_id uuid, version_id uuid)
language sql stable security definer set search_path = ''
as $$
  select e.id, e.workspace_id, e.live_version_id from public.experiences e
  where e.public_id = live_experience_of.public_id and e.live_version_id is not null
$$;
revoke all on function private.live_experience_of(public_id text) from public;

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
revoke all on function public.record_subject_choices(session_token text, public_id text, payload jsonb) from public, anon, authenticated, service_role;
grant execute on function public.record_subject_choices(session_token text, public_id text, payload jsonb) to anon, authenticated;

create or replace function public.subject_centre_state(session_token text, public_id text)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
begin
  return jsonb_build_object(
    'identifierKind', subject_session.identifier_kind,
    'sessionExpiresAt', private.utc_text(subject_session.expires_at),
    'states', coalesce((
      select jsonb_agg(jsonb_build_object(
        'purposeId', s.purpose_id, 'purposeKey', p.key, 'purposeName', p.name, 'necessary', p.necessary,
        'state', s.state, 'method', s.method, 'channel', e.channel, 'separatelyGiven', s.separately_given,
        'updatedAt', private.utc_text(s.updated_at), 'occurredAt', private.utc_text(e.occurred_at),
        'expiresAt', private.utc_text(s.expires_at), 'eventId', s.last_event_id) order by p.key)
      from public.consent_state s
      join public.purposes p on p.id = s.purpose_id
      join public.consent_events e on e.id = s.last_event_id
      where s.subject_id = subject_session.subject_id), '[]'::jsonb),
    'preferences', (
      select jsonb_build_object('channels', p.channels, 'topics', to_jsonb(p.topics),
        'frequencyCap', case when p.frequency_cap_max is not null then jsonb_build_object('max', p.frequency_cap_max, 'period', p.frequency_cap_period) end,
        'quietHours', case when p.quiet_hours_start is not null then jsonb_build_object(
          'start', to_char(p.quiet_hours_start, 'HH24:MI'), 'end', to_char(p.quiet_hours_end, 'HH24:MI'), 'timeZone', p.quiet_hours_time_zone) end,
        'updatedAt', private.utc_text(p.updated_at))
      from public.preferences p where p.subject_id = subject_session.subject_id),
    'receipts', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'action', r.action, 'createdAt', private.utc_text(r.created_at)) order by r.created_at desc)
      from (select * from public.consent_receipts r
            where r.subject_id in (select private.subject_family(subject_session.subject_id))
            order by r.created_at desc limit 20) r), '[]'::jsonb),
    'requests', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'status', d.status, 'createdAt', private.utc_text(d.created_at)) order by d.created_at desc)
      from (select * from public.data_subject_requests d
            where d.subject_id in (select private.subject_family(subject_session.subject_id))
            order by d.created_at desc limit 20) d), '[]'::jsonb));
end
$$;
revoke all on function public.subject_centre_state(session_token text, public_id text) from public, anon, authenticated, service_role;
grant execute on function public.subject_centre_state(session_token text, public_id text) to anon, authenticated;

-- payload: locale, region, context (as above). Withdraws every consent given or requested.
create or replace function public.withdraw_all_subject_consent(session_token text, public_id text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  subject_session public.subject_sessions := private.open_subject_session(session_token, public_id);
  received timestamptz := clock_timestamp();
  live record;
  version public.experience_versions;
  where_from record;
  context_value jsonb;
  target record;
  purpose public.purposes;
  event public.consent_events;
  event_ids uuid[] := '{}';
  states jsonb := '[]'::jsonb;
  topics_cleared jsonb;
  result jsonb;
begin
  select * into where_from from private.centre_locale_region(payload);
  select * into live from private.live_experience_of(public_id);
  select * into version from public.experience_versions v where v.id = live.version_id;
  context_value := private.centre_event_context(payload -> 'context');
  perform 1 from public.subjects s where s.id = subject_session.subject_id for update;
  topics_cleared := case when exists (select 1 from public.preferences p where p.subject_id = subject_session.subject_id and cardinality(p.topics) > 0)
    then jsonb_build_object('topics', '[]'::jsonb) end;
  for target in
    select s.purpose_id from public.consent_state s join public.purposes p on p.id = s.purpose_id
    where s.subject_id = subject_session.subject_id and s.state in ('given', 'renewed_given', 'requested') and not p.necessary
    order by p.key
  loop
    select * into purpose from public.purposes p where p.id = target.purpose_id;
    event := private.append_centre_event(subject_session, version, purpose, 'withdrawn', 'click_reject', true,
      where_from.locale, where_from.region_code, where_from.region_resolution, topics_cleared, context_value, received);
    event_ids := event_ids || event.id;
    states := states || jsonb_build_object('purposeId', purpose.id, 'state', 'withdrawn');
  end loop;
  if cardinality(event_ids) > 0 and topics_cleared is not null then
    update public.preferences p set topics = '{}', updated_at = received, last_event_id = event.id where p.subject_id = subject_session.subject_id;
  end if;
  result := jsonb_build_object('changed', cardinality(event_ids) > 0, 'eventIds', to_jsonb(event_ids), 'states', states);
  if cardinality(event_ids) > 0 then
    result := result || private.new_receipt(subject_session, version, 'withdraw_all', event_ids);
  end if;
  return result;
end
$$;
revoke all on function public.withdraw_all_subject_consent(session_token text, public_id text, payload jsonb) from public, anon, authenticated, service_role;
grant execute on function public.withdraw_all_subject_consent(session_token text, public_id text, payload jsonb) to anon, authenticated;
