-- public.idempotency_keys: definition, indexes, row-level security, privileges, policies and triggers.

create table public.idempotency_keys (
  workspace_id uuid not null,
  key text not null,
  request_hash text not null,
  status text not null,
  response jsonb,
  created_at timestamp with time zone default now() not null,
  expires_at timestamp with time zone not null,
  scope text default 'workspace'::text not null,
  constraint idempotency_keys_key_check check (((char_length(key) >= 1) and (char_length(key) <= 255))),
  constraint idempotency_keys_request_hash_check check ((request_hash ~ '^[0-9a-f]{64}$'::text)),
  constraint idempotency_keys_scope_check check (((char_length(scope) >= 1) and (char_length(scope) <= 100))),
  constraint idempotency_keys_status_check check ((status = any (array['in_flight'::text, 'done'::text])))
);

alter table public.idempotency_keys
  add constraint idempotency_keys_pkey primary key (workspace_id, scope, key);

alter table public.idempotency_keys
  add constraint idempotency_keys_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id);

create index idempotency_keys_expiry_idx on public.idempotency_keys using btree (expires_at);

alter table public.idempotency_keys enable row level security;

revoke all on table public.idempotency_keys from anon, authenticated, service_role;
