-- Sync, the surface (issue 14, items 4, 6 and 7): what the management API, the console's
-- Destinations page and the proof of propagation need on top of 20261207130000_sync_destinations.sql.
--
-- 1. A secret-key scope `destinations:manage` for /api/v1/destinations. The management API runs
--    as the service role (purpose "destinations-api") after the key was verified, with the key's
--    creator as `auth.uid()` so a destination keeps a `created_by` and its audit entries name who
--    issued the key (actor_role says service_role; the context carries the key id).
--    `changes:read` is accepted too: the pull feed (item 5) adds that scope in the engine's work,
--    and both migrations replace the same CHECK, so each names both.
-- 2. Health per destination (success rate, p95 lag, backlog, dead, last error), computed as the
--    caller under RLS from deliveries and attempts.
-- 3. "Send a test event" (owners, admins): a NEW delivery (its own message id, `replay_of` the first
--    one) of the most recent change the destination's filters let through, which the engine sends
--    like any pending delivery. A real, signed message a receiver can already handle, rather than
--    a synthetic person the ledger would have to hold.
-- 4. Proof of propagation in the receipt: the same access rule as public.read_consent_receipt
--    (the receipt's token, or a session of the person), answering per event where it was
--    delivered and when. Only destination names, statuses and times leave; no URL, no error.

alter table public.api_keys drop constraint api_keys_scopes_check;
alter table public.api_keys add constraint api_keys_scopes_check check (
  cardinality(scopes) between 1 and 6
  and scopes <@ array['consent:write', 'consent:read', 'decisions:read', 'contacts:write', 'changes:read', 'destinations:manage']::text[]
  and array_position(scopes, null) is null);

-- The management API (service role) creates destinations as the key's creator.
grant insert (id, workspace_id, name, kind, config, filters, identifier_policy, secrets, secret_hint, signing_public_key,
  created_by) on public.destinations to service_role;
grant select (created_by) on public.api_keys to service_role;

-- ---------------------------------------------------------------------------------------------
-- Health, as the caller (security invoker: RLS decides, every member reads it).

create function public.destination_health(workspace_id uuid, since timestamptz)
returns table (
  destination_id uuid,
  attempts bigint,
  successful_attempts bigint,
  -- successful_attempts / attempts since `since`; null without attempts.
  success_rate double precision,
  -- 95th percentile of commit → acknowledgement of the deliveries acknowledged since `since`.
  p95_lag_ms double precision,
  -- Open deliveries (pending, retrying, in flight), whenever made.
  backlog bigint,
  dead bigint,
  last_error text,
  last_error_at timestamptz
)
language sql stable security invoker set search_path = ''
as $$
  select d.id,
    coalesce(a.attempts, 0), coalesce(a.ok, 0),
    case when coalesce(a.attempts, 0) > 0 then a.ok::double precision / a.attempts end,
    l.p95,
    coalesce(o.backlog, 0), coalesce(o.dead, 0),
    e.error, e.attempted_at
  from public.destinations d
  left join lateral (
    select count(*) as attempts, count(*) filter (where t.ok) as ok
    from public.delivery_attempts t where t.destination_id = d.id and t.attempted_at >= since
  ) a on true
  left join lateral (
    -- deliveries.created_at is the recording transaction's now(): its commit, to within the transaction.
    select percentile_cont(0.95) within group (order by extract(epoch from (x.delivered_at - x.created_at)) * 1000) as p95
    from public.deliveries x where x.destination_id = d.id and x.status = 'delivered' and x.delivered_at >= since
  ) l on true
  left join lateral (
    select count(*) filter (where x.status in ('pending', 'retrying', 'in_flight')) as backlog,
      count(*) filter (where x.status = 'dead') as dead
    from public.deliveries x where x.destination_id = d.id and x.status in ('pending', 'retrying', 'in_flight', 'dead')
  ) o on true
  left join lateral (
    select coalesce(t.error, case when t.status_code is not null then 'HTTP ' || t.status_code end) as error, t.attempted_at
    from public.delivery_attempts t where t.destination_id = d.id and not t.ok
    order by t.attempted_at desc, t.id desc limit 1
  ) e on true
  where d.workspace_id = destination_health.workspace_id and d.deleted_at is null
$$;

revoke execute on function public.destination_health(uuid, timestamptz) from public, anon;
grant execute on function public.destination_health(uuid, timestamptz) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- A test event: the latest change the destination receives, sent again under a new message id.

create function public.send_test_delivery(destination_id uuid)
returns uuid
language plpgsql security definer set search_path = ''
as $$
-- ON CONFLICT names the index's columns, one of which shares the parameter's name.
#variable_conflict use_column
declare
  dest public.destinations;
  made uuid;
begin
  select * into dest from public.destinations d where d.id = send_test_delivery.destination_id and d.deleted_at is null;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(dest.workspace_id, '{owner,admin}');
  insert into public.deliveries (workspace_id, destination_id, outbox_id, subject_id, seq, event_ids, replay_of)
  select o.workspace_id, dest.id, o.id, o.subject_id, m.seq, m.event_ids,
    (select d.id from public.deliveries d where d.outbox_id = o.id and d.destination_id = dest.id and d.replay_of is null)
  from public.outbox o
  cross join lateral (
    select max((e ->> 'seq')::bigint) as seq, array_agg((e ->> 'id')::uuid order by (e ->> 'seq')::bigint) as event_ids
    from jsonb_array_elements(o.payload -> 'events') e
    where private.destination_matches(dest.filters, o.topic, e)
  ) m
  where o.workspace_id = dest.workspace_id and m.event_ids is not null
  order by o.id desc
  limit 1
  on conflict (outbox_id, destination_id) where replay_of is null do nothing
  returning id into made;
  if made is null then
    -- No change yet that this destination would receive (or its first delivery was just made).
    raise exception 'consentry.destination_nothing_to_send' using errcode = 'P0001';
  end if;
  perform private.append_audit(dest.workspace_id, 'destination.tested', 'destination', dest.id::text, null,
    jsonb_build_object('deliveryId', made));
  perform pg_notify('consentry_sync', dest.workspace_id::text);
  return made;
end
$$;

revoke execute on function public.send_test_delivery(uuid) from public, anon;
grant execute on function public.send_test_delivery(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Proof of propagation.

-- Per (event, destination): the best that happened to it. Delivered (the first acknowledgement)
-- if any delivery of it was acknowledged, else the state of its latest delivery. Security
-- invoker: the console reads it as the caller (RLS); the receipt through the function below.
create function public.event_propagation(workspace_id uuid, event_ids uuid[])
returns table (event_id uuid, destination_id uuid, destination_name text, destination_deleted boolean,
  status public.delivery_status, delivered_at timestamptz, attempts integer, last_error text, updated_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select distinct on (ev.id, x.destination_id)
    ev.id, x.destination_id, t.name, t.deleted_at is not null, x.status, x.delivered_at, x.attempts, x.last_error, x.updated_at
  from unnest(event_ids) as ev(id)
  join public.deliveries x on x.workspace_id = event_propagation.workspace_id and x.event_ids @> array[ev.id]
  join public.destinations t on t.id = x.destination_id
  order by ev.id, x.destination_id, (x.status = 'delivered') desc, x.delivered_at asc nulls last, x.created_at desc
$$;

revoke execute on function public.event_propagation(uuid, uuid[]) from public, anon;
grant execute on function public.event_propagation(uuid, uuid[]) to authenticated;

-- The receipt's propagation: for the holder of the receipt's token or a session of its person
-- (the rule of public.read_consent_receipt, which answers not_found otherwise, and is called
-- first here so the two cannot drift apart).
create function public.consent_receipt_propagation(receipt_id uuid, receipt_token text default null, session_token text default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  receipt public.consent_receipts;
begin
  perform public.read_consent_receipt(receipt_id, receipt_token, session_token);
  select * into receipt from public.consent_receipts r where r.id = consent_receipt_propagation.receipt_id;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'eventId', p.event_id, 'destination', p.destination_name, 'status', p.status,
      'deliveredAt', private.utc_text(p.delivered_at), 'attempts', p.attempts) order by p.event_id, p.destination_name)
    from (
      select distinct on (ev.id, x.destination_id) ev.id as event_id, t.name as destination_name, x.status, x.delivered_at, x.attempts
      from unnest(receipt.event_ids) as ev(id)
      join public.deliveries x on x.workspace_id = receipt.workspace_id and x.event_ids @> array[ev.id]
      join public.destinations t on t.id = x.destination_id
      order by ev.id, x.destination_id, (x.status = 'delivered') desc, x.delivered_at asc nulls last, x.created_at desc
    ) p), '[]'::jsonb);
end
$$;

revoke execute on function public.consent_receipt_propagation(uuid, text, text) from public;
grant execute on function public.consent_receipt_propagation(uuid, text, text) to anon, authenticated;

-- Looking deliveries up by event: the timeline and the receipt ask "which deliveries carried this event".
create index deliveries_event_ids_idx on public.deliveries using gin (event_ids);
