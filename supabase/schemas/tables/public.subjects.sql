-- public.subjects: definition, indexes, row-level security, privileges, policies and triggers.

create table public.subjects (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  created_at timestamptz not null default now(),
  -- Set when this (anonymous) subject was linked to a known one; its events stay its own.
  merged_into uuid references public.subjects (id),
  merged_at timestamptz,
  -- The head of this subject's event chain; its row lock orders the subject's appends.
  chain_length bigint not null default 0 check (chain_length >= 0),
  chain_head text not null default repeat('0', 64) check (chain_head ~ '^[0-9a-f]{64}$'),
  check (merged_into is distinct from id),
  check ((merged_into is null) = (merged_at is null))
);

create index subjects_merged_into_idx on public.subjects (merged_into) where merged_into is not null;

create index subjects_workspace_idx on public.subjects (workspace_id, created_at);

alter table public.subjects enable row level security;

revoke all on table public.subjects from anon, authenticated, service_role;
grant select on table public.subjects to authenticated, service_role;

create policy "subjects: members read" on public.subjects
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
