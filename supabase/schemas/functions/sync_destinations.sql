-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- The check of filters and policy, in SQL so that no client stores a destination that would miss
-- withdrawals. lib/sync/destinations/schemas.ts checks the same first, for a clear form message.
create or replace function private.check_destination()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  f jsonb := new.filters;
  list text;
  missing text[];
begin
  if (f - '{topics,states,purposes,channels,regions}'::text[]) <> '{}'::jsonb then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'filters';
  end if;
  foreach list in array array['topics', 'states', 'purposes', 'channels', 'regions'] loop
    if f ? list and (jsonb_typeof(f -> list) <> 'array' or jsonb_array_length(f -> list) = 0
                     or exists (select 1 from jsonb_array_elements(f -> list) v where jsonb_typeof(v) <> 'string')) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'filters.' || list;
    end if;
  end loop;
  if f ? 'states' then
    if exists (select 1 from jsonb_array_elements_text(f -> 'states') s
               where not s = any (enum_range(null::public.consent_status)::text[])) then
      raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'filters.states';
    end if;
    if (f -> 'states') ?| array['given', 'renewed_given'] then
      select array_agg(s order by s) into missing
      from unnest(array['withdrawn', 'refused', 'expired']) s where not (f -> 'states') ? s;
      if missing is not null then
        raise exception 'consentry.destination_drops_withdrawals' using errcode = 'P0001', detail = array_to_string(missing, ',');
      end if;
    end if;
  end if;
  if exists (select 1 from jsonb_each(new.identifier_policy) p
             where not p.key = any (enum_range(null::public.identifier_kind)::text[])
                or jsonb_typeof(p.value) <> 'string' or not (p.value #>> '{}') = any (array['plain', 'sha256', 'md5'])) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'identifierPolicy';
  end if;
  if tg_op = 'UPDATE' and (new.workspace_id <> old.workspace_id or new.kind <> old.kind or new.created_by <> old.created_by
                           or new.created_at <> old.created_at) then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'immutable';
  end if;
  if tg_op = 'UPDATE' and old.deleted_at is not null then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  return new;
end
$$;
revoke all on function private.check_destination() from public;

create or replace function private.destination_matches(filters jsonb, topic text, event jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select (not filters ? 'topics' or (filters -> 'topics') ? topic)
    and (not filters ? 'states' or (filters -> 'states') ? (event ->> 'state'))
    and (not filters ? 'purposes' or (filters -> 'purposes') ? (event ->> 'purposeKey')
         or (filters -> 'purposes') ? (event ->> 'purposeId'))
    and (event ->> 'state' in ('withdrawn', 'refused', 'expired', 'invalidated') or (
      (not filters ? 'channels' or (filters -> 'channels') ? (event ->> 'channel'))
      and (not filters ? 'regions' or (filters -> 'regions') ? (event ->> 'regionCode'))))
$$;

-- Fan-out at commit: the outbox row as it finally is, against the workspace's destinations.
create or replace function private.outbox_fan_out()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  o_row public.outbox;
  made integer;
begin
  select * into o_row from public.outbox o where o.id = new.id;
  insert into public.deliveries (workspace_id, destination_id, outbox_id, subject_id, seq, event_ids)
  select o_row.workspace_id, d.id, o_row.id, o_row.subject_id, m.seq, m.event_ids
  from public.destinations d
  cross join lateral (
    select max((e ->> 'seq')::bigint) as seq, array_agg((e ->> 'id')::uuid order by (e ->> 'seq')::bigint) as event_ids
    from jsonb_array_elements(o_row.payload -> 'events') e
    where private.destination_matches(d.filters, o_row.topic, e)
  ) m
  where d.workspace_id = o_row.workspace_id and d.deleted_at is null and m.event_ids is not null
  on conflict (outbox_id, destination_id) where replay_of is null do nothing;
  get diagnostics made = row_count;
  if made > 0 then
    perform pg_notify('consentry_sync', o_row.workspace_id::text);
  end if;
  return null;
end
$$;
revoke all on function private.outbox_fan_out() from public;

create or replace function public.destination_secrets(destination_id uuid)
returns bytea
language plpgsql stable security definer set search_path = ''
as $$
declare
  target public.destinations;
begin
  select * into target from public.destinations d where d.id = destination_id and d.deleted_at is null;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(target.workspace_id, '{owner,admin}');
  return target.secrets;
end
$$;
revoke all on function public.destination_secrets(destination_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.destination_secrets(destination_id uuid) to authenticated, service_role;

-- New deliveries of a destination's outbox rows committed in [from_time, to_time), optionally of
-- one person; each a new message id. Returns how many were made.
create or replace function public.replay_deliveries(destination_id uuid, from_time timestamptz, to_time timestamptz, subject_id uuid default null)
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  dest public.destinations;
  made integer;
begin
  select * into dest from public.destinations d where d.id = replay_deliveries.destination_id and d.deleted_at is null;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(dest.workspace_id, '{owner,admin}');
  if from_time is null or to_time is null or to_time <= from_time then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'range';
  end if;
  insert into public.deliveries (workspace_id, destination_id, outbox_id, subject_id, seq, event_ids, replay_of)
  select o.workspace_id, dest.id, o.id, o.subject_id, m.seq, m.event_ids,
    (select d.id from public.deliveries d where d.outbox_id = o.id and d.destination_id = dest.id and d.replay_of is null)
  from public.outbox o
  cross join lateral (
    select max((e ->> 'seq')::bigint) as seq, array_agg((e ->> 'id')::uuid order by (e ->> 'seq')::bigint) as event_ids
    from jsonb_array_elements(o.payload -> 'events') e
    where private.destination_matches(dest.filters, o.topic, e)
  ) m
  where o.workspace_id = dest.workspace_id and o.created_at >= from_time and o.created_at < to_time
    and (replay_deliveries.subject_id is null or o.subject_id = replay_deliveries.subject_id)
    and m.event_ids is not null
  order by o.id;
  get diagnostics made = row_count;
  -- A row that never had a delivery to this destination (made before it existed) is "replayed"
  -- as its first delivery: replay_of is null then, and the unique index keeps that to one.
  perform private.append_audit(dest.workspace_id, 'destination.replayed', 'destination', dest.id::text, null,
    jsonb_build_object('from', private.utc_text(from_time), 'to', private.utc_text(to_time), 'subjectId', subject_id, 'deliveries', made));
  if made > 0 then
    perform pg_notify('consentry_sync', dest.workspace_id::text);
  end if;
  return made;
end
$$;
revoke all on function public.replay_deliveries(destination_id uuid, from_time timestamp with time zone, to_time timestamp with time zone, subject_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.replay_deliveries(destination_id uuid, from_time timestamp with time zone, to_time timestamp with time zone, subject_id uuid) to authenticated, service_role;

-- A dead (or retrying) delivery back to pending, due now, under the same id.
create or replace function public.retry_delivery(delivery_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  target public.deliveries;
begin
  select * into target from public.deliveries d where d.id = delivery_id for update;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(target.workspace_id, '{owner,admin}');
  if target.status not in ('dead', 'retrying') then
    raise exception 'consentry.delivery_not_retryable' using errcode = 'P0001', detail = target.status::text;
  end if;
  update public.deliveries set status = 'pending', next_attempt_at = now() where id = target.id;
  perform private.append_audit(target.workspace_id, 'delivery.retried', 'delivery', target.id::text, null, null);
  perform pg_notify('consentry_sync', target.workspace_id::text);
end
$$;
revoke all on function public.retry_delivery(delivery_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.retry_delivery(delivery_id uuid) to authenticated, service_role;
