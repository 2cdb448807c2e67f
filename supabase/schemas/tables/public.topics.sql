-- public.topics: definition, indexes, row-level security, privileges, policies and triggers.

create table public.topics (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name jsonb not null check (private.is_localized_text(name) and name <> '{}'::jsonb),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, key)
);

create index topics_workspace_id_idx on public.topics (workspace_id);

alter table public.topics enable row level security;

revoke all on table public.topics from anon, authenticated, service_role;
grant all on table public.topics to service_role;
grant select,insert,delete on table public.topics to authenticated;
grant update (name) on table public.topics to authenticated;

create policy "topics: editors and up add" on public.topics
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "topics: editors and up change" on public.topics
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "topics: members read" on public.topics
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "topics: owners and admins remove" on public.topics
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create trigger topics_audit after insert or update or delete on public.topics
  for each row execute function private.audit_row_change('topic', 'workspace_id', 'id');

create trigger topics_touch before update on public.topics for each row execute function private.touch_updated_at();
