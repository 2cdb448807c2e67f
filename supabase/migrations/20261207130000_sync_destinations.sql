-- Sync (issue 14): destinations that consent changes are delivered to, one delivery per
-- (outbox row × matching destination), and every attempt at it. The engine that sends them lives
-- in Node (lib/sync); this file is what it and the console stand on.
--
-- Destinations. A destination has a name, a kind (`webhook`: an HTTPS URL signed per Standard
--   Webhooks 1.0; `nats`: a JetStream subject), filters, an identifier policy, and can be paused.
--   `config` holds what is not secret (URL, NATS servers and subject). Everything secret (the
--   `whsec_` signing secret and the one it replaced, the Ed25519 private key, extra headers, NATS
--   credentials) is ONE AES-256-GCM blob in `secrets`, encrypted in Node with the workspace's data
--   key (private.workspace_data_keys, itself wrapped by the master key, which the database never
--   sees). Members read destinations without that column; owners and admins create, change and
--   delete them (RLS), each change audited (`destination.created|updated|deleted`, secrets never
--   copied into the log). Deleting is a soft delete (`deleted_at`): deliveries stay as proof.
--
-- Filters: {topics?, states?, purposes?, channels?, regions?}; a missing list means "all".
--   A destination that receives a purpose's grants always receives its withdrawals, refusals and
--   expiries: a `states` list naming `given` or `renewed_given` must also name `withdrawn`,
--   `refused` and `expired` (consentry.destination_drops_withdrawals, DETAIL the missing states),
--   and the channel and region filters narrow grants only; a withdrawal, refusal, expiry or
--   invalidation passes them (a person who consented on the web and withdraws by SMS keyword
--   must reach every destination that learnt of the consent).
--
-- Identifier policy: {<identifier kind>: plain | sha256 | md5}; a kind not named leaves nothing.
--
-- Deliveries. Made at COMMIT of the transaction that wrote the outbox row (a deferred constraint
--   trigger, so the row's final content after every append is what is matched), for every
--   destination of the workspace that is not deleted and whose filters let at least one of the
--   row's events through; paused and disabled destinations get them too and send them once
--   resumed. The same trigger NOTIFYs `consentry_sync`, which wakes the workers on PostgreSQL
--   within milliseconds of the commit. The id is the message id (`webhook-id`), stable across
--   retries. Status: pending → in_flight → delivered | retrying → … → dead. `next_attempt_at`
--   is when a pending or retrying delivery is due and, while in flight, when the claim lapses
--   (a worker killed mid-delivery): claimable again then, hence at least once.
--   Order: a worker only claims the OLDEST open delivery (pending, retrying or in flight) of each
--   (destination, subject), by outbox id, which is the person's commit order (the recording
--   functions lock the subject's row). A dead delivery no longer blocks the person: every later
--   message carries the full current state. Retry (owners, admins) puts a dead delivery back to
--   pending under the same id; replay makes NEW deliveries (new ids, `replay_of` the first) for a
--   destination's outbox rows in a time range, optionally of one person.
--
-- Attempts: one row per attempt (time, status code, latency, error and response excerpts).
--
-- Who: members read deliveries and attempts (proof of propagation shows on a person's timeline);
--   nobody writes them directly: the workers write as the service role (lib/db/caller.ts purpose
--   "sync"), owners and admins retry and replay through the functions below.

create type public.destination_kind as enum ('webhook', 'nats');
create type public.delivery_status as enum ('pending', 'in_flight', 'delivered', 'retrying', 'dead');

-- ---------------------------------------------------------------------------------------------
-- Data keys: one AES-256 key per workspace, stored wrapped (AES-256-GCM) by the master key.

create table private.workspace_data_keys (
  workspace_id uuid primary key references public.workspaces (id),
  -- iv (12 bytes) || tag (16) || ciphertext (32), made and opened in Node (lib/sync/crypto).
  wrapped_key bytea not null check (length(wrapped_key) = 60),
  -- SHA-256 prefix of the master key that wrapped it: rotation finds what to re-wrap.
  master_key_id text not null check (master_key_id ~ '^[0-9a-f]{16}$'),
  created_at timestamptz not null default now(),
  rewrapped_at timestamptz
);
alter table private.workspace_data_keys enable row level security;
revoke all on private.workspace_data_keys from public, anon, authenticated, service_role;

-- The workspace's wrapped data key, storing `proposed` when it has none yet (the caller made a
-- fresh key and wrapped it; whoever stores first wins and everyone gets that one). Owners and
-- admins (destination secrets) and the service (the workers) only. Useless without the master key.
create function public.workspace_data_key(workspace_id uuid, proposed bytea, proposed_master_key_id text)
returns table (wrapped_key bytea, master_key_id text)
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  insert into private.workspace_data_keys as k (workspace_id, wrapped_key, master_key_id)
  values (workspace_data_key.workspace_id, proposed, proposed_master_key_id)
  on conflict do nothing;
  return query select k.wrapped_key, k.master_key_id from private.workspace_data_keys k
    where k.workspace_id = workspace_data_key.workspace_id;
end
$$;

-- Master key rotation (lib/sync/crypto/rotate.ts, run by the service): every data key wrapped by
-- `old_id`, to be re-wrapped in Node, and the swap, which only applies if nothing changed meanwhile.
create function public.data_keys_wrapped_by(old_id text)
returns table (workspace_id uuid, wrapped_key bytea)
language sql security definer set search_path = ''
as $$ select k.workspace_id, k.wrapped_key from private.workspace_data_keys k where k.master_key_id = old_id order by 1 $$;

create function public.rewrap_data_key(workspace_id uuid, old_wrapped bytea, new_wrapped bytea, new_master_key_id text)
returns boolean
language sql security definer set search_path = ''
as $$
  with changed as (
    update private.workspace_data_keys k
    set wrapped_key = new_wrapped, master_key_id = new_master_key_id, rewrapped_at = now()
    where k.workspace_id = rewrap_data_key.workspace_id and k.wrapped_key = old_wrapped
    returning 1
  )
  select exists (select 1 from changed)
$$;

-- ---------------------------------------------------------------------------------------------
-- Destinations.

create table public.destinations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  kind public.destination_kind not null,
  -- webhook: {url}; nats: {servers: [url…], subject}. Never a secret.
  config jsonb not null check (jsonb_typeof(config) = 'object'),
  filters jsonb not null default '{}'::jsonb check (jsonb_typeof(filters) = 'object'),
  identifier_policy jsonb not null default '{}'::jsonb check (jsonb_typeof(identifier_policy) = 'object'),
  -- AES-256-GCM with the workspace data key, made in Node: iv || tag || ciphertext of a JSON object.
  secrets bytea not null check (length(secrets) between 29 and 65536),
  -- What the console shows of the signing secret (`whsec_Ab3d…`), and the Ed25519 public key
  -- (base64 SPKI DER) that `v1a` signatures verify with, served at /api/v1/destinations/<id>/signing-key.
  secret_hint text check (char_length(secret_hint) <= 40),
  signing_public_key text check (char_length(signing_public_key) <= 200),
  -- The replaced signing secret is still sent alongside (and in the blob) until then.
  previous_secret_expires_at timestamptz,
  paused boolean not null default false,
  -- Set by the engine (a 410 Gone, failures for days); cleared by an owner or admin resuming it.
  disabled_at timestamptz,
  disabled_reason text check (char_length(disabled_reason) <= 500),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (kind <> 'webhook' or (jsonb_typeof(config -> 'url') = 'string' and config ->> 'url' ~ '^https?://')),
  check (kind <> 'nats' or (jsonb_typeof(config -> 'servers') = 'array' and jsonb_typeof(config -> 'subject') = 'string'))
);
create index destinations_workspace_idx on public.destinations (workspace_id) where deleted_at is null;
create index destinations_created_by_idx on public.destinations (created_by);

-- The check of filters and policy, in SQL so that no client stores a destination that would miss
-- withdrawals. lib/sync/destinations/schemas.ts checks the same first, for a clear form message.
create function private.check_destination()
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

create trigger destinations_check before insert or update on public.destinations
  for each row execute function private.check_destination();
create trigger destinations_touch before update on public.destinations
  for each row execute function private.touch_updated_at();
create trigger destinations_audit after insert or update or delete on public.destinations
  for each row execute function private.audit_row_change('destination', 'workspace_id', 'id', 'secrets');

alter table public.destinations enable row level security;
revoke all on public.destinations from anon, authenticated, service_role;
-- Members read everything but the encrypted secrets; owners and admins read those through
-- public.destination_secrets (RLS cannot hide a column).
grant select (id, workspace_id, name, kind, config, filters, identifier_policy, secret_hint, signing_public_key,
  previous_secret_expires_at, paused, disabled_at, disabled_reason, created_by, created_at, updated_at, deleted_at)
  on public.destinations to authenticated;
grant insert (id, workspace_id, name, kind, config, filters, identifier_policy, secrets, secret_hint, signing_public_key,
  created_by) on public.destinations to authenticated;
grant update (name, config, filters, identifier_policy, secrets, secret_hint, signing_public_key, previous_secret_expires_at,
  paused, disabled_at, disabled_reason, deleted_at) on public.destinations to authenticated;
grant select, update on public.destinations to service_role;

create policy "destinations: members read" on public.destinations
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "destinations: owners and admins create" on public.destinations
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));
create policy "destinations: owners and admins change" on public.destinations
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create function public.destination_secrets(destination_id uuid)
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

-- ---------------------------------------------------------------------------------------------
-- Matching: does one outbox event (an element of outbox.payload -> 'events') pass a destination's filters?

create function private.destination_matches(filters jsonb, topic text, event jsonb)
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

-- ---------------------------------------------------------------------------------------------
-- Deliveries and attempts.

create table public.deliveries (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  destination_id uuid not null references public.destinations (id),
  -- No foreign key: outbox rows are never deleted, and one would turn the outbox's own TRUNCATE
  -- refusal (consentry.append_only) into PostgreSQL's foreign-key refusal.
  outbox_id bigint not null,
  subject_id uuid not null references public.subjects (id),
  -- The person's sequence number after this change (the highest ledger seq among its events).
  seq bigint not null check (seq > 0),
  -- The events of the outbox row that passed the destination's filters.
  event_ids uuid[] not null check (cardinality(event_ids) >= 1),
  status public.delivery_status not null default 'pending',
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  claimed_by text check (char_length(claimed_by) <= 200),
  last_status_code integer,
  last_error text check (char_length(last_error) <= 1000),
  delivered_at timestamptz,
  replay_of uuid references public.deliveries (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index deliveries_once_idx on public.deliveries (outbox_id, destination_id) where replay_of is null;
-- The claim: due open deliveries, and per (destination, subject) the oldest open one.
create index deliveries_due_idx on public.deliveries (next_attempt_at) where status in ('pending', 'retrying', 'in_flight');
create index deliveries_open_idx on public.deliveries (destination_id, subject_id, outbox_id)
  where status in ('pending', 'retrying', 'in_flight');
create index deliveries_destination_idx on public.deliveries (destination_id, created_at desc);
create index deliveries_subject_idx on public.deliveries (subject_id, outbox_id);
create index deliveries_replay_idx on public.deliveries (replay_of) where replay_of is not null;

create table public.delivery_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references public.deliveries (id),
  workspace_id uuid not null references public.workspaces (id),
  destination_id uuid not null references public.destinations (id),
  attempted_at timestamptz not null default now(),
  -- HTTP status; null when no response came (timeout, refused, reset) and for NATS.
  status_code integer check (status_code between 100 and 599),
  latency_ms integer not null check (latency_ms >= 0),
  ok boolean not null,
  error text check (char_length(error) <= 1000),
  response_excerpt text check (char_length(response_excerpt) <= 1000)
);
create index delivery_attempts_delivery_idx on public.delivery_attempts (delivery_id, attempted_at);
create index delivery_attempts_destination_idx on public.delivery_attempts (destination_id, attempted_at desc);

create trigger deliveries_touch before update on public.deliveries
  for each row execute function private.touch_updated_at();

alter table public.deliveries enable row level security;
alter table public.delivery_attempts enable row level security;
revoke all on public.deliveries, public.delivery_attempts from anon, authenticated, service_role;
grant select on public.deliveries, public.delivery_attempts to authenticated;
grant select, insert, update on public.deliveries to service_role;
grant select, insert on public.delivery_attempts to service_role;

create policy "deliveries: members read" on public.deliveries
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "delivery attempts: members read" on public.delivery_attempts
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- Fan-out at commit: the outbox row as it finally is, against the workspace's destinations.
create function private.outbox_fan_out()
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

create constraint trigger outbox_fan_out after insert or update on public.outbox
  deferrable initially deferred
  for each row execute function private.outbox_fan_out();

revoke execute on function private.outbox_fan_out() from public, anon, authenticated;
revoke execute on function private.check_destination() from public, anon, authenticated;
revoke execute on function public.workspace_data_key(uuid, bytea, text) from public, anon;
grant execute on function public.workspace_data_key(uuid, bytea, text) to authenticated, service_role;
revoke execute on function public.data_keys_wrapped_by(text) from public, anon, authenticated;
grant execute on function public.data_keys_wrapped_by(text) to service_role;
revoke execute on function public.rewrap_data_key(uuid, bytea, bytea, text) from public, anon, authenticated;
grant execute on function public.rewrap_data_key(uuid, bytea, bytea, text) to service_role;
revoke execute on function public.destination_secrets(uuid) from public, anon;
grant execute on function public.destination_secrets(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Retry and replay (owners and admins).

-- A dead (or retrying) delivery back to pending, due now, under the same id.
create function public.retry_delivery(delivery_id uuid)
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

-- New deliveries of a destination's outbox rows committed in [from_time, to_time), optionally of
-- one person; each a new message id. Returns how many were made.
create function public.replay_deliveries(destination_id uuid, from_time timestamptz, to_time timestamptz, subject_id uuid default null)
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

revoke execute on function public.retry_delivery(uuid) from public, anon;
grant execute on function public.retry_delivery(uuid) to authenticated;
revoke execute on function public.replay_deliveries(uuid, timestamptz, timestamptz, uuid) from public, anon;
grant execute on function public.replay_deliveries(uuid, timestamptz, timestamptz, uuid) to authenticated;
