-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.normalise_keyword(value text)
returns text
language sql immutable set search_path = ''
as $$ select lower(regexp_replace(normalize(coalesce(value, ''), NFKC), '^\s+|\s+$', '', 'g')) $$;
revoke all on function private.normalise_keyword(value text) from public;
grant execute on function private.normalise_keyword(value text) to authenticated, service_role;

-- SMS opt-out keywords of the caller's own workspace only (the service, which takes inbound SMS
-- for a workspace named by its key, is let through by private.assert_workspace_access).
create or replace function public.is_sms_opt_out_keyword(workspace_id uuid, message text)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(is_sms_opt_out_keyword.workspace_id);
  return private.normalise_keyword(message) = any (array['td', '退订', 'stop'])
      or exists (select 1 from public.sms_opt_out_keywords k
                 where k.workspace_id = is_sms_opt_out_keyword.workspace_id and k.keyword = private.normalise_keyword(message));
end
$$;
revoke all on function public.is_sms_opt_out_keyword(workspace_id uuid, message text) from public, anon, authenticated, service_role;
grant execute on function public.is_sms_opt_out_keyword(workspace_id uuid, message text) to authenticated, service_role;

create or replace function public.record_sms_inbound(workspace_id uuid, phone text, message text, received_at timestamptz)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := record_sms_inbound.workspace_id;
  id_hash text;
  subject public.subjects;
  prefs public.preferences;
  affected uuid[];
  purpose public.purposes;
  last_event public.consent_events;
  event public.consent_events;
  received timestamptz := clock_timestamp();
  occurred timestamptz;
  event_ids jsonb := '[]'::jsonb;
  all_channels jsonb := to_jsonb(enum_range(null::public.contact_channel)::text[]);
  channels jsonb;
  target uuid;
begin
  perform private.assert_workspace_access(ws, '{owner,admin}');
  if not public.is_sms_opt_out_keyword(ws, message) then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', null);
  end if;
  id_hash := private.identifier_hash(ws, 'phone', phone);
  subject := private.lock_subject(ws, 'phone', id_hash, false);
  if subject.id is null then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', null);
  end if;
  occurred := least(coalesce(record_sms_inbound.received_at, received), received);
  if occurred < received - interval '7 days' then
    occurred := received;
  end if;
  select * into prefs from public.preferences p where p.subject_id = subject.id;
  select coalesce(array_agg(distinct x.purpose_id order by x.purpose_id), '{}') into affected from (
    select e.key::uuid as purpose_id from jsonb_each(coalesce(prefs.channels, '{}'::jsonb)) e
    where e.key <> '*' and e.value ? 'sms'
    union
    select s.purpose_id from public.consent_state s
    join public.purposes p on p.id = s.purpose_id
    where s.subject_id = subject.id and s.state in ('given', 'renewed_given', 'requested') and not p.necessary
      and coalesce(prefs.channels -> s.purpose_id::text, prefs.channels -> '*', all_channels) ? 'sms'
  ) x;
  if cardinality(affected) = 0 then
    return jsonb_build_object('withdrawn', false, 'eventIds', event_ids, 'subjectId', subject.id);
  end if;
  channels := coalesce(prefs.channels, '{}'::jsonb);
  foreach target in array affected loop
    select * into purpose from public.purposes p where p.id = target;
    select * into last_event from public.consent_events e
    where e.subject_id = subject.id and e.purpose_id = target order by e.seq desc limit 1;
    event := null;
    event.workspace_id := ws;
    event.subject_id := subject.id;
    event.identifier_kind := 'phone';
    event.identifier_hash := id_hash;
    event.occurred_at := occurred;
    event.received_at := received;
    event.expressed_by := 'subject';
    event.controller := private.controller_snapshot(ws);
    event.purpose_id := target;
    event.purpose := private.purpose_snapshot(purpose);
    event.separately_given := true;
    event.experience_version_id := null;
    event.notice_versions := '{}'::jsonb;
    event.language := coalesce(last_event.language, 'und');
    event.region_code := coalesce(last_event.region_code, 'unknown');
    event.region_resolution := jsonb_build_object('method', 'not_applicable');
    event.consent_type := 'explicit';
    event.method := 'sms_keyword';
    event.channel := 'sms';
    event.contact_channel := 'sms';
    event.state := 'withdrawn';
    event.context := jsonb_build_object('sms_keyword', private.normalise_keyword(message));
    event := private.append_consent_event(event);
    event_ids := event_ids || to_jsonb(event.id::text);
    channels := channels || jsonb_build_object(target::text,
      (select coalesce(jsonb_agg(c), '[]'::jsonb) from jsonb_array_elements(coalesce(channels -> target::text, channels -> '*', all_channels)) c
       where c #>> '{}' <> 'sms'));
  end loop;
  if channels ? '*' then
    channels := channels || jsonb_build_object('*',
      (select coalesce(jsonb_agg(c), '[]'::jsonb) from jsonb_array_elements(channels -> '*') c where c #>> '{}' <> 'sms'));
  end if;
  insert into public.preferences as p (subject_id, workspace_id, channels, updated_at, last_event_id)
  values (subject.id, ws, channels, received, event.id)
  on conflict (subject_id) do update set channels = excluded.channels, updated_at = excluded.updated_at,
    last_event_id = excluded.last_event_id;
  return jsonb_build_object('withdrawn', true, 'eventIds', event_ids, 'subjectId', subject.id);
end
$$;
revoke all on function public.record_sms_inbound(workspace_id uuid, phone text, message text, received_at timestamp with time zone) from public, anon, authenticated, service_role;
grant execute on function public.record_sms_inbound(workspace_id uuid, phone text, message text, received_at timestamp with time zone) to service_role;
