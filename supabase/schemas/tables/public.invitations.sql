-- public.invitations: definition, indexes, row-level security, privileges, policies and triggers.

-- An invitation is a link holding a random token; only its SHA-256 is stored.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 320),
  role public.workspace_role not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid not null references public.profiles (id),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_by uuid references public.profiles (id),
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);

create index invitations_workspace_id_idx on public.invitations (workspace_id);

alter table public.invitations enable row level security;

revoke all on table public.invitations from anon, authenticated, service_role;
grant all on table public.invitations to service_role;
grant select,insert,delete on table public.invitations to authenticated;
grant update (email, role, token_hash, expires_at, revoked_at) on table public.invitations to authenticated;

create policy "invitations: owners and admins create" on public.invitations
  for insert to authenticated
  with check (invited_by = (select auth.uid()) and (select private.can_manage_role(workspace_id, role)));

create policy "invitations: owners and admins delete" on public.invitations
  for delete to authenticated
  using ((select private.can_manage_role(workspace_id, role)));

create policy "invitations: owners and admins read" on public.invitations
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

-- Changing or deleting an invitation follows the rule for creating it: only an owner touches an
-- invitation to become owner.
create policy "invitations: owners and admins revoke" on public.invitations
  for update to authenticated
  using ((select private.can_manage_role(workspace_id, role)))
  with check ((select private.can_manage_role(workspace_id, role)));

create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.audit_row_change('invitation', 'workspace_id', 'id', 'token_hash');
