-- public.experiences: definition, indexes, row-level security, privileges, policies and triggers.

create table public.experiences (
  id uuid default gen_random_uuid() not null,
  workspace_id uuid not null,
  name text not null,
  kind public.experience_kind not null,
  document jsonb not null,
  revision integer default 1 not null,
  created_by uuid not null,
  updated_by uuid not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  public_id text default ('x'::text || substr(replace((gen_random_uuid())::text, '-'::text, ''::text), 1, 20)) not null,
  public_key text default ('pk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)) not null,
  allowed_origins text[] default '{}'::text[] not null,
  live_version_id uuid,
  constraint experiences_allowed_origins_check check (((array_length(allowed_origins, 1) is null) or (array_length(allowed_origins, 1) <= 50))),
  constraint experiences_document_check check ((jsonb_typeof(document) = 'object'::text)),
  constraint experiences_name_check check (((char_length(btrim(name)) >= 1) and (char_length(btrim(name)) <= 120))),
  constraint experiences_public_id_check check ((public_id ~ '^x[0-9a-f]{20}$'::text)),
  constraint experiences_public_key_check check ((public_key ~ '^pk_[0-9a-f]{32}$'::text)),
  constraint experiences_revision_check check ((revision > 0))
);

alter table public.experiences
  add constraint experiences_pkey primary key (id);

alter table public.experiences
  add constraint experiences_public_id_key unique (public_id);

alter table public.experiences
  add constraint experiences_public_key_key unique (public_key);

alter table public.experiences
  add constraint experiences_created_by_fkey foreign key (created_by) references public.profiles(id);

alter table public.experiences
  add constraint experiences_updated_by_fkey foreign key (updated_by) references public.profiles(id);

alter table public.experiences
  add constraint experiences_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id) on delete cascade;

create index experiences_allowed_origins_idx on public.experiences using gin (allowed_origins);

create index experiences_live_version_idx on public.experiences using btree (live_version_id);

create index experiences_workspace_id_idx on public.experiences using btree (workspace_id, updated_at desc);

alter table public.experiences enable row level security;

revoke all on table public.experiences from anon, authenticated, service_role;
grant all on table public.experiences to service_role;
grant select,insert,delete on table public.experiences to authenticated;
grant update (name, kind, document, allowed_origins) on table public.experiences to authenticated;

create policy "experiences: editors and up create" on public.experiences
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}'))
              and created_by = (select auth.uid()) and updated_by = (select auth.uid()));

create policy "experiences: editors and up delete" on public.experiences
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "experiences: editors and up save drafts" on public.experiences
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "experiences: members read" on public.experiences
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create trigger experiences_audit after insert or update or delete on public.experiences
  for each row execute function private.audit_row_change('experience', 'workspace_id', 'id', 'document', 'updated_by');

create trigger experiences_bump_revision before update on public.experiences
  for each row execute function private.bump_experience_revision();

create trigger experiences_touch before update on public.experiences for each row execute function private.touch_updated_at();
