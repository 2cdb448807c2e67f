-- public.delivery_attempts: definition, indexes, row-level security, privileges, policies and triggers.

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

alter table public.delivery_attempts enable row level security;

revoke all on table public.delivery_attempts from anon, authenticated, service_role;
revoke all on sequence public.delivery_attempts_id_seq from anon, authenticated, service_role;
grant select on table public.delivery_attempts to authenticated;
grant select,insert on table public.delivery_attempts to service_role;
grant all on sequence public.delivery_attempts_id_seq to anon, authenticated, service_role;

create policy "delivery attempts: members read" on public.delivery_attempts
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
