-- public.experience_preview_links: definition, indexes, row-level security, privileges, policies and triggers.

-- A link that shows a draft full-screen to anyone holding it, until it expires.
create table public.experience_preview_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  experience_id uuid not null references public.experiences (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null check (expires_at <= created_at + interval '30 days'),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now()
);

create index experience_preview_links_experience_idx on public.experience_preview_links (experience_id);

alter table public.experience_preview_links enable row level security;

revoke all on table public.experience_preview_links from anon, authenticated, service_role;
grant all on table public.experience_preview_links to service_role;
grant select,delete on table public.experience_preview_links to authenticated;
grant insert (workspace_id, experience_id, token_hash, expires_at, created_by) on table public.experience_preview_links to authenticated;

create policy "preview links: editors and up create" on public.experience_preview_links
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}'))
              and created_by = (select auth.uid())
              and experience_id in (select e.id from public.experiences e where e.workspace_id = experience_preview_links.workspace_id));

create policy "preview links: editors and up revoke" on public.experience_preview_links
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "preview links: members read" on public.experience_preview_links
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create trigger experience_preview_links_audit after insert or update or delete on public.experience_preview_links
  for each row execute function private.audit_row_change('preview_link', 'workspace_id', 'id', 'token_hash');
