-- The outbox: what downstream systems (webhooks, later `deliveries`) learn about consent
-- changes, written in the SAME transaction as the ledger events it announces, so an event is
-- announced if and only if it committed. And the public API's rate-limit counters in batches.
--
-- One row per (transaction, subject, topic). A statement-level trigger on consent_events reads
-- the statement's new rows (a transition table) and inserts the subject's row, or, for a
-- further event of the same subject in the same transaction, appends to it (ON CONFLICT on
-- (transaction_id, subject_id, topic)). Every path that appends to the ledger is covered without
-- calling anything: record_consent and record_browser_consent (one row per recording), double
-- opt-in confirmation, SMS keyword withdrawal, expiry (one row per subject expired), and any
-- later path built on private.append_consent_event. A recording that fails rolls back its
-- events and its outbox row together; an idempotent replay appends nothing and writes none.
--
-- Rows are immutable once committed: UPDATE is refused unless the row was written by the
-- current transaction (the appending above), DELETE and TRUNCATE always. Delivery state will
-- live in a separate `deliveries` table; workers will claim rows in id order with
-- FOR UPDATE SKIP LOCKED through the primary key.
--
-- The payload is what a webhook carries: event ids, purposes, states, methods, channels, times
-- and the submitted preference changes. No identifier, not even its keyed hash, and no request
-- context (truncated IP, user agent).
--
-- Who reads: owners and admins of the workspace (RLS). Nobody writes directly; anon nothing.

create table public.outbox (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id),
  topic text not null check (topic ~ '^[a-z]+(\.[a-z_]+)+$'),
  subject_id uuid not null references public.subjects (id),
  event_ids uuid[] not null check (cardinality(event_ids) >= 1 and array_position(event_ids, null) is null),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  -- The writing transaction: one row per transaction, subject and topic.
  transaction_id xid8 not null default pg_current_xact_id(),
  created_at timestamptz not null default now(),
  unique (transaction_id, subject_id, topic)
);
create index outbox_workspace_idx on public.outbox (workspace_id, id);

-- The events of one INSERT statement on consent_events, per subject, into the outbox.
create function private.outbox_consent_changed()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.outbox as o (workspace_id, topic, subject_id, event_ids, payload)
  select e.workspace_id, 'consent.changed', e.subject_id, array_agg(e.id order by e.seq),
    jsonb_build_object(
      'type', 'consent.changed',
      'workspaceId', e.workspace_id,
      'subjectId', e.subject_id,
      'events', jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'id', e.id, 'seq', e.seq, 'purposeId', e.purpose_id, 'purposeKey', e.purpose ->> 'key', 'state', e.state,
        'method', e.method, 'channel', e.channel, 'contactChannel', e.contact_channel, 'consentType', e.consent_type,
        'expressedBy', e.expressed_by, 'separatelyGiven', e.separately_given, 'experienceVersionId', e.experience_version_id,
        'language', e.language, 'regionCode', e.region_code, 'occurredAt', private.utc_text(e.occurred_at),
        'receivedAt', private.utc_text(e.received_at), 'expiresAt', private.utc_text(e.expires_at), 'hash', e.hash
      )) order by e.seq),
      'preferences', (array_agg(e.preferences order by e.seq desc) filter (where e.preferences is not null))[1])
  from inserted e
  group by e.workspace_id, e.subject_id
  on conflict (transaction_id, subject_id, topic) do update set
    event_ids = o.event_ids || excluded.event_ids,
    payload = o.payload || jsonb_build_object(
      'events', (o.payload -> 'events') || (excluded.payload -> 'events'),
      'preferences', coalesce(excluded.payload -> 'preferences', o.payload -> 'preferences'));
  return null;
end
$$;

create trigger consent_events_outbox after insert on public.consent_events
  referencing new table as inserted
  for each statement execute function private.outbox_consent_changed();

-- Committed rows never change: only the transaction that wrote a row may still append to it.
create function private.outbox_append_only()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.transaction_id <> pg_current_xact_id() or new.id <> old.id or new.workspace_id <> old.workspace_id
     or new.topic <> old.topic or new.subject_id <> old.subject_id or new.transaction_id <> old.transaction_id
     or new.created_at <> old.created_at then
    raise exception 'consentry.append_only' using errcode = '42501', detail = 'public.outbox rejects UPDATE';
  end if;
  return new;
end
$$;

create trigger outbox_append_only before update on public.outbox
  for each row execute function private.outbox_append_only();
create trigger outbox_no_delete before delete on public.outbox
  for each row execute function private.refuse_change();
create trigger outbox_no_truncate before truncate on public.outbox
  for each statement execute function private.refuse_change();

revoke execute on function private.outbox_consent_changed() from public, anon, authenticated;
revoke execute on function private.outbox_append_only() from public, anon, authenticated;

alter table public.outbox enable row level security;
revoke all on public.outbox from anon, authenticated, service_role;
grant select on public.outbox to authenticated;

create policy "outbox: owners and admins read" on public.outbox
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

-- ---------------------------------------------------------------------------------------------
-- Rate-limit counters in batches. Each instance of the app counts its requests in memory and
-- adds them here every few tens of milliseconds (lib/api/rate-limit.ts): one statement for
-- every bucket that saw requests, instead of one transaction per request. `hits` is
-- [{route, subject, windowStart (epoch seconds), windowSeconds, hits, defaultMax}]; returns each
-- bucket's total in its window (every instance's hits) and the limit that applies.
create function private.api_rate_limit_add(hits jsonb)
returns table (route text, subject text, window_start bigint, hits_total integer, max_hits integer)
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if jsonb_typeof(hits) is distinct from 'array' or jsonb_array_length(hits) > 10000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'hits';
  end if;
  return query
  with batch as (
    select h.route, left(h.subject, 200) as subject, h.route || '|' || left(h.subject, 200) as bucket,
      to_timestamp(h."windowStart") as started, h.hits as added, h."defaultMax" as default_max
    from jsonb_to_recordset(hits) as h(route text, subject text, "windowStart" bigint, "windowSeconds" integer, hits integer,
      "defaultMax" integer)
    where h.hits > 0 and h.route is not null and h.subject is not null and h."windowStart" is not null
  ), counted as (
    insert into private.api_rate_limits as r (bucket, window_start, hits)
    select b.bucket, b.started, sum(b.added)::integer from batch b group by b.bucket, b.started
    on conflict (bucket, window_start) do update set hits = r.hits + excluded.hits
    returning r.bucket, r.window_start, r.hits
  ), expired as (
    -- Earlier windows of these buckets are no longer needed.
    delete from private.api_rate_limits r using batch b where r.bucket = b.bucket and r.window_start < b.started
  )
  select b.route, b.subject, extract(epoch from b.started)::bigint, c.hits,
    coalesce((select o.max_hits from private.api_rate_limit_overrides o where o.subject = b.subject), b.default_max)
  from batch b join counted c on c.bucket = b.bucket and c.window_start = b.started;
end
$$;

revoke execute on function private.api_rate_limit_add(jsonb) from public, anon, authenticated;
grant execute on function private.api_rate_limit_add(jsonb) to service_role;

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
