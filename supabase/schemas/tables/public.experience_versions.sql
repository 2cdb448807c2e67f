-- public.experience_versions: definition, indexes, row-level security, privileges, policies and triggers.

create table public.experience_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  -- No cascade: an experience with a published version is never deleted (the proof must stay).
  experience_id uuid not null references public.experiences (id),
  number integer not null check (number > 0),
  kind public.experience_kind not null,
  -- The document exactly as published (it passed the strict publish checks).
  document jsonb not null check (jsonb_typeof(document) = 'object'),
  -- noticeId -> the approved notice version pinned by this publication.
  notice_versions jsonb not null default '{}'::jsonb check (jsonb_typeof(notice_versions) = 'object'),
  -- A material change makes consents given under earlier versions stale (PIPL art. 14).
  material_change boolean not null default false,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  published_by uuid not null references public.profiles (id),
  published_at timestamptz not null default now(),
  unique (experience_id, number)
);

create index experience_versions_workspace_idx on public.experience_versions (workspace_id, published_at desc);

alter table public.experience_versions enable row level security;

revoke all on table public.experience_versions from anon, authenticated, service_role;
grant all on table public.experience_versions to service_role;
grant select on table public.experience_versions to authenticated;

create policy "experience versions: members read" on public.experience_versions
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- Snapshots never change, for anyone.
create trigger experience_versions_append_only before update or delete on public.experience_versions
  for each row execute function private.refuse_change();

create trigger experience_versions_no_truncate before truncate on public.experience_versions
  for each statement execute function private.refuse_change();

-- public.experiences's foreign key to this table (created after public.experiences).
alter table public.experiences
  add constraint experiences_live_version_id_fkey foreign key (live_version_id) references public.experience_versions(id);
