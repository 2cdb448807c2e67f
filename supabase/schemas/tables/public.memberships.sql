-- public.memberships: definition, indexes, row-level security, privileges, policies and triggers.

create table public.memberships (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.workspace_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);

create index memberships_user_id_idx on public.memberships (user_id);

alter table public.memberships enable row level security;

revoke all on table public.memberships from anon, authenticated, service_role;
grant all on table public.memberships to service_role;
grant select,insert,delete on table public.memberships to authenticated;
grant update (role) on table public.memberships to authenticated;

create policy "memberships: members read" on public.memberships
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids()));

create policy "memberships: owners and admins add" on public.memberships
  for insert to authenticated
  with check ((select private.can_manage_role(workspace_id, role)));

create policy "memberships: owners and admins change roles" on public.memberships
  for update to authenticated
  using ((select private.can_manage_role(workspace_id, role)))
  with check ((select private.can_manage_role(workspace_id, role)));

create policy "memberships: owners and admins remove, anyone leaves" on public.memberships
  for delete to authenticated
  using (user_id = (select auth.uid()) or (select private.can_manage_role(workspace_id, role)));

create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row_change('membership', 'workspace_id', 'user_id');

create trigger memberships_keep_last_owner before update or delete on public.memberships
  for each row execute function private.keep_last_owner();

create trigger memberships_touch before update on public.memberships
  for each row execute function private.touch_updated_at();
