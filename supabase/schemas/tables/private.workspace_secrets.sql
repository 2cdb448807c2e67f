-- private.workspace_secrets: definition, indexes, row-level security, privileges, policies and triggers.

create table private.workspace_secrets (
  workspace_id uuid primary key references public.workspaces (id),
  secret bytea not null check (length(secret) = 32),
  created_at timestamptz not null default now()
);

alter table private.workspace_secrets enable row level security;
