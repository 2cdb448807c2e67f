-- public.subject_identifiers: definition, indexes, row-level security, privileges, policies and triggers.

create table public.subject_identifiers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  kind public.identifier_kind not null,
  identifier_hash text not null check (identifier_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  linked_at timestamptz,
  unique (workspace_id, kind, identifier_hash)
);

create index subject_identifiers_subject_idx on public.subject_identifiers (subject_id);

alter table public.subject_identifiers enable row level security;

revoke all on table public.subject_identifiers from anon, authenticated, service_role;
grant select on table public.subject_identifiers to authenticated, service_role;

create policy "subject identifiers: members read" on public.subject_identifiers
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
