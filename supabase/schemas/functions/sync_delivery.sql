-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- The pull feed. `after_xid` / `after_id`: the cursor (0, 0 from the start). Returns at most
-- `max_rows` rows and the new cursor with each row.
create or replace function public.changes_after(workspace_id uuid, after_xid xid8, after_id bigint, max_rows integer)
returns table (id bigint, transaction_id xid8, subject_id uuid, topic text, payload jsonb, created_at timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id);
  return query
  select o.id, o.transaction_id, o.subject_id, o.topic, o.payload, o.created_at
  from public.outbox o
  where o.workspace_id = changes_after.workspace_id
    and (o.transaction_id, o.id) > (after_xid, after_id)
    and o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by o.transaction_id, o.id
  limit least(greatest(max_rows, 1), 1000);
end
$$;
revoke all on function public.changes_after(workspace_id uuid, after_xid xid8, after_id bigint, max_rows integer) from public, anon, authenticated, service_role;
grant execute on function public.changes_after(workspace_id uuid, after_xid xid8, after_id bigint, max_rows integer) to service_role;

-- The receipt's propagation: for the holder of the receipt's token or a session of its person
-- (the rule of public.read_consent_receipt, which answers not_found otherwise, and is called
-- first here so the two cannot drift apart).
create or replace function public.consent_receipt_propagation(receipt_id uuid, receipt_token text default null, session_token text default null)
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
revoke all on function public.consent_receipt_propagation(receipt_id uuid, receipt_token text, session_token text) from public, anon, authenticated, service_role;
grant execute on function public.consent_receipt_propagation(receipt_id uuid, receipt_token text, session_token text) to anon, authenticated, service_role;

create or replace function public.destination_health(workspace_id uuid, since timestamptz)
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
revoke all on function public.destination_health(workspace_id uuid, since timestamp with time zone) from public, anon, authenticated, service_role;
grant execute on function public.destination_health(workspace_id uuid, since timestamp with time zone) to authenticated, service_role;

-- Per (event, destination): the best that happened to it. Delivered (the first acknowledgement)
-- if any delivery of it was acknowledged, else the state of its latest delivery. Security
-- invoker: the console reads it as the caller (RLS); the receipt through the function below.
create or replace function public.event_propagation(workspace_id uuid, event_ids uuid[])
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
revoke all on function public.event_propagation(workspace_id uuid, event_ids uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.event_propagation(workspace_id uuid, event_ids uuid[]) to authenticated, service_role;

create or replace function public.send_test_delivery(destination_id uuid)
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
revoke all on function public.send_test_delivery(destination_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.send_test_delivery(destination_id uuid) to authenticated, service_role;

create or replace function public.sync_messages(delivery_ids uuid[])
returns table (delivery_id uuid, message jsonb)
language sql stable security definer set search_path = ''
as $$
  select d.id,
    jsonb_build_object(
      'type', o.topic,
      'id', d.id,
      'workspace', d.workspace_id,
      'subject', jsonb_build_object('id', d.subject_id, 'seq', d.seq),
      'events', (select coalesce(jsonb_agg(e order by (e ->> 'seq')::bigint), '[]'::jsonb)
                 from jsonb_array_elements(o.payload -> 'events') e where (e ->> 'id')::uuid = any (d.event_ids)),
      'state', (select coalesce(jsonb_object_agg(p.key, jsonb_strip_nulls(jsonb_build_object(
                   'purposeId', p.id, 'state', s.state, 'separatelyGiven', s.separately_given, 'method', s.method,
                   'expiresAt', private.utc_text(s.expires_at), 'since', private.utc_text(s.updated_at), 'eventId', s.last_event_id))),
                 '{}'::jsonb)
                from public.consent_state s join public.purposes p on p.id = s.purpose_id
                where s.subject_id = d.subject_id
                  and (not t.filters ? 'purposes' or (t.filters -> 'purposes') ? p.key or (t.filters -> 'purposes') ? p.id::text)),
      'preferences', (select jsonb_strip_nulls(jsonb_build_object('channels', pr.channels, 'topics', to_jsonb(pr.topics),
                        'frequencyCapMax', pr.frequency_cap_max, 'frequencyCapPeriod', pr.frequency_cap_period,
                        'quietHoursStart', to_char(pr.quiet_hours_start, 'HH24:MI'), 'quietHoursEnd', to_char(pr.quiet_hours_end, 'HH24:MI'),
                        'quietHoursTimeZone', pr.quiet_hours_time_zone))
                      from public.preferences pr where pr.subject_id = d.subject_id),
      'stateSeq', (select sj.chain_length from public.subjects sj where sj.id = d.subject_id),
      'committedAt', private.utc_text(o.created_at),
      'identifiers', (select coalesce(jsonb_agg(jsonb_build_object('kind', i.kind, 'hash', i.identifier_hash,
                         'sealed', encode(v.ciphertext, 'base64')) order by i.kind, i.created_at), '[]'::jsonb)
                      from public.subject_identifiers i left join private.subject_identifier_values v on v.identifier_id = i.id
                      where i.subject_id = d.subject_id and t.identifier_policy ? i.kind::text)
    )
  from public.deliveries d
  join public.outbox o on o.id = d.outbox_id
  join public.destinations t on t.id = d.destination_id
  where d.id = any (delivery_ids)
$$;
revoke all on function public.sync_messages(delivery_ids uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.sync_messages(delivery_ids uuid[]) to service_role;
