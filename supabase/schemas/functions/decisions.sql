-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- ---------------------------------------------------------------------------------------------
-- public.decision_inputs, faster (same signature, same answers). The ledger's version had two
-- costs that made a decision take milliseconds of database time, growing with the workspace:
--   * it joined subject_identifiers on `kind::text = …`, which the unique index on
--     (workspace_id, kind, identifier_hash) cannot serve, so every decision read ALL the
--     workspace's identifiers (EXPLAIN: 7,862 index entries for one answer on a bench database);
--   * it looked the purpose up in a scalar subquery whose composite result was read field by
--     field, and PostgreSQL ran that subquery once per field read (eleven times, each testing
--     every purpose of the workspace with private.is_uuid).
-- Here each request's subject is one unique-index lookup (the kind as the enum) and its purpose is
-- found once (a MATERIALIZED step), by id or key.
create or replace function public.decision_inputs(workspace_id uuid, requests jsonb)
returns table (ordinal integer, subject_id uuid, purpose jsonb, state jsonb, preferences jsonb, contacts jsonb)
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  if jsonb_typeof(requests) is distinct from 'array' or jsonb_array_length(requests) > 1000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'requests';
  end if;
  return query
  with r as materialized (
    select e.ord::integer as ord, e.req,
      coalesce((e.req ->> 'at')::timestamptz, now()) as at,
      case when e.req ->> 'kind' = any (enum_range(null::public.identifier_kind)::text[])
           then private.try_identifier_hash(decision_inputs.workspace_id, (e.req ->> 'kind')::public.identifier_kind, e.req ->> 'value') end as hash,
      case when e.req ->> 'kind' = any (enum_range(null::public.identifier_kind)::text[])
           then (e.req ->> 'kind')::public.identifier_kind end as kind,
      case when private.is_uuid(e.req ->> 'purposeId') then (e.req ->> 'purposeId')::uuid end as purpose_id,
      e.req ->> 'purposeKey' as purpose_key
    from jsonb_array_elements(requests) with ordinality e(req, ord)
  ), resolved as materialized (
    select r.ord, r.at,
      (select i.subject_id from public.subject_identifiers i
       where i.workspace_id = decision_inputs.workspace_id and i.kind = r.kind and i.identifier_hash = r.hash) as sid,
      (select p from public.purposes p
       where p.workspace_id = decision_inputs.workspace_id and (p.id = r.purpose_id or p.key = r.purpose_key)
       limit 1) as purpose_row
    from r
  )
  select x.ord, x.sid,
    case when (x.purpose_row).id is not null then jsonb_build_object(
      'id', (x.purpose_row).id, 'key', (x.purpose_row).key, 'legal_basis', (x.purpose_row).legal_basis,
      'separate_consent', ((x.purpose_row).sensitive or (x.purpose_row).separate_consent_sensitive
        or (x.purpose_row).separate_consent_third_party or (x.purpose_row).separate_consent_cross_border
        or (x.purpose_row).separate_consent_public_disclosure),
      'consent_valid_days', (x.purpose_row).consent_valid_days) end,
    (select jsonb_build_object('purpose_id', s.purpose_id, 'state', s.state, 'separately_given', s.separately_given,
       'expires_at', s.expires_at, 'last_event_id', s.last_event_id, 'updated_at', s.updated_at)
     from public.consent_state s where s.subject_id = x.sid and s.purpose_id = (x.purpose_row).id),
    (select jsonb_build_object('channels', p.channels, 'topics', to_jsonb(p.topics),
       'frequency_cap_max', p.frequency_cap_max, 'frequency_cap_period', p.frequency_cap_period,
       'quiet_hours_start', to_char(p.quiet_hours_start, 'HH24:MI'), 'quiet_hours_end', to_char(p.quiet_hours_end, 'HH24:MI'),
       'quiet_hours_time_zone', p.quiet_hours_time_zone, 'last_event_id', p.last_event_id)
     from public.preferences p where p.subject_id = x.sid),
    (select jsonb_build_object(
       'week_count', count(*) filter (where c.contacted_at > x.at - interval '7 days'),
       'week_oldest', min(c.contacted_at) filter (where c.contacted_at > x.at - interval '7 days'),
       'month_count', count(*),
       'month_oldest', min(c.contacted_at))
     from public.contact_log c
     where x.sid is not null and c.subject_id = x.sid and c.contacted_at > x.at - interval '1 month' and c.contacted_at <= x.at)
  from resolved x
  order by x.ord;
end
$$;
revoke all on function public.decision_inputs(workspace_id uuid, requests jsonb) from public, anon, authenticated, service_role;
grant execute on function public.decision_inputs(workspace_id uuid, requests jsonb) to authenticated, service_role;
