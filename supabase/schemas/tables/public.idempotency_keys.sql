-- public.idempotency_keys: definition, indexes, row-level security, privileges, policies and triggers.

create table public.idempotency_keys (
  workspace_id uuid not null references public.workspaces (id),
  key text not null check (char_length(key) between 1 and 255),
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  status text not null check (status in ('in_flight', 'done')),
  response jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  scope text not null default 'workspace' check (char_length(scope) between 1 and 100),
  primary key (workspace_id, scope, key)
);

create index idempotency_keys_expiry_idx on public.idempotency_keys (expires_at);

alter table public.idempotency_keys enable row level security;

revoke all on table public.idempotency_keys from anon, authenticated, service_role;
