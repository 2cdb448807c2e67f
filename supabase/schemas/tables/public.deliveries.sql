-- public.deliveries: definition, indexes, row-level security, privileges, policies and triggers.

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

create index deliveries_destination_idx on public.deliveries (destination_id, created_at desc);

-- The claim: due open deliveries, and per (destination, subject) the oldest open one.
create index deliveries_due_idx on public.deliveries (next_attempt_at) where status in ('pending', 'retrying', 'in_flight');

-- Looking deliveries up by event: the timeline and the receipt ask "which deliveries carried this event".
create index deliveries_event_ids_idx on public.deliveries using gin (event_ids);

create unique index deliveries_once_idx on public.deliveries (outbox_id, destination_id) where replay_of is null;

create index deliveries_open_idx on public.deliveries (destination_id, subject_id, outbox_id)
  where status in ('pending', 'retrying', 'in_flight');

create index deliveries_replay_idx on public.deliveries (replay_of) where replay_of is not null;

create index deliveries_subject_idx on public.deliveries (subject_id, outbox_id);

alter table public.deliveries enable row level security;

revoke all on table public.deliveries from anon, authenticated, service_role;
grant select on table public.deliveries to authenticated;
grant select,insert,update on table public.deliveries to service_role;

create policy "deliveries: members read" on public.deliveries
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create trigger deliveries_dead_letter_alert after update of status on public.deliveries
  for each row when (new.status = 'dead' and old.status is distinct from 'dead')
  execute function private.alert_dead_delivery();

create trigger deliveries_touch before update on public.deliveries
  for each row execute function private.touch_updated_at();
