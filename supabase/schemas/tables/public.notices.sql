-- public.notices: definition, indexes, row-level security, privileges, policies and triggers.

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  kind text not null
    check (kind in ('privacy_notice', 'cookie_notice', 'marketing_consent', 'sensitive_data_notice', 'other')),
  -- The language legal writes in; the others are translations of it (translation status).
  source_locale text not null check (source_locale = any (private.notice_locales())),
  locales text[] not null check (private.is_locale_list(locales) and source_locale = any (locales)),
  created_by uuid not null default auth.uid() references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id) -- target of notice_versions' key: a version lives in its notice's workspace
);

create index notices_workspace_id_idx on public.notices (workspace_id);

alter table public.notices enable row level security;

revoke all on table public.notices from anon, authenticated, service_role;
grant select,delete on table public.notices to authenticated;
grant select on table public.notices to service_role;
grant insert (workspace_id, name, kind, source_locale, locales, created_by) on table public.notices to authenticated;
grant update (name, locales) on table public.notices to authenticated;

create policy "notices: members read" on public.notices
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- Only while nothing was ever submitted: reviewed and approved versions are history.
create policy "notices: owners and admins delete unreviewed" on public.notices
  for delete to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and not private.notice_has_history(id));

create policy "notices: owners, admins, editors and legal change" on public.notices
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')));

create policy "notices: owners, admins, editors and legal create" on public.notices
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and created_by = (select auth.uid()));

create trigger notices_audit after insert or update or delete on public.notices
  for each row execute function private.audit_row_change('notice', 'workspace_id', 'id');

create trigger notices_touch before update on public.notices
  for each row execute function private.touch_updated_at();
