-- public.notice_versions: definition, indexes, row-level security, privileges, policies and triggers.

create table public.notice_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  notice_id uuid not null,
  number integer not null check (number > 0),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'approved', 'rejected')),
  content jsonb not null default '{}'::jsonb check (private.is_notice_content(content)),
  -- locale → when that locale's content last changed (ISO 8601, UTC); kept by a trigger.
  locale_updated_at jsonb not null default '{}'::jsonb check (jsonb_typeof(locale_updated_at) = 'object'),
  change_summary text not null default '' check (char_length(change_summary) <= 2000),
  -- Earlier consents become stale when a version marked as a material change is published (PIPL art. 14).
  material_change boolean not null default false,
  purpose_ids uuid[] not null default '{}' check (array_position(purpose_ids, null) is null and cardinality(purpose_ids) <= 100),
  jurisdictions text[] not null default '{}'
    check (jurisdictions <@ array['CN', 'EU', 'US-CA', 'HK']::text[] and array_position(jurisdictions, null) is null),
  rights_statement jsonb not null default '{}'::jsonb check (private.is_notice_text(rights_statement)),
  purpose_statements jsonb not null default '{}'::jsonb check (private.is_purpose_statements(purpose_statements)),
  author_id uuid not null references public.profiles (id),
  -- Everyone who changed this version's text (the author too, once they edit): none may approve it.
  contributor_ids uuid[] not null default '{}',
  submitted_at timestamptz,
  reviewed_by uuid references public.profiles (id),
  reviewed_at timestamptz,
  review_comment text check (char_length(review_comment) <= 2000),
  content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (notice_id, workspace_id) references public.notices (id, workspace_id) on delete cascade,
  unique (notice_id, number),
  constraint notice_versions_submission_recorded check (status not in ('in_review', 'approved') or submitted_at is not null),
  constraint notice_versions_approval_recorded check (
    (status = 'approved') = (content_hash is not null)
    and (status <> 'approved' or (reviewed_by is not null and reviewed_at is not null))
  ),
  constraint notice_versions_rejection_recorded check (
    status <> 'rejected' or (reviewed_by is not null and reviewed_at is not null and char_length(btrim(review_comment)) > 0)
  )
);

-- At most one version of a notice is being worked on (draft) or reviewed at a time.
create unique index notice_versions_one_open_idx on public.notice_versions (notice_id) where status in ('draft', 'in_review');

create index notice_versions_workspace_id_idx on public.notice_versions (workspace_id);

alter table public.notice_versions enable row level security;

revoke all on table public.notice_versions from anon, authenticated, service_role;
grant select,delete on table public.notice_versions to authenticated;
grant select on table public.notice_versions to service_role;
grant update (content, change_summary, material_change, purpose_ids, jurisdictions, rights_statement, purpose_statements) on table public.notice_versions to authenticated;

create policy "notice versions: author, owners and admins delete drafts" on public.notice_versions
  for delete to authenticated
  using (
    status = 'draft'
    and (workspace_id in (select private.my_workspace_ids('{owner,admin}'))
         or (author_id = (select auth.uid()) and workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}'))))
  );

create policy "notice versions: members read" on public.notice_versions
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "notice versions: owners, admins, editors and legal edit drafts" on public.notice_versions
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and status in ('draft', 'rejected'))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and status in ('draft', 'rejected'));

create trigger notice_versions_audit after insert or delete on public.notice_versions
  for each row execute function private.audit_row_change('notice_version', 'workspace_id', 'id', 'content', 'locale_updated_at');

create trigger notice_versions_audit_edits after update on public.notice_versions
  for each row when (old.status is not distinct from new.status or new.status = 'draft')
  execute function private.audit_row_change('notice_version', 'workspace_id', 'id', 'content', 'locale_updated_at');

create trigger notice_versions_audit_transitions after update on public.notice_versions
  for each row when (old.status is distinct from new.status and new.status <> 'draft')
  execute function private.audit_notice_transition();

create trigger notice_versions_before_insert before insert on public.notice_versions
  for each row execute function private.notice_version_before_insert();

create trigger notice_versions_guard before update or delete on public.notice_versions
  for each row execute function private.notice_version_guard();

create trigger notice_versions_no_truncate before truncate on public.notice_versions
  for each statement execute function private.notice_versions_no_truncate();

create trigger notice_versions_touch before update on public.notice_versions
  for each row execute function private.touch_updated_at();

-- Named so it fires after the guard (triggers of one timing fire in name order).
create trigger notice_versions_track_edits before update on public.notice_versions
  for each row execute function private.notice_version_edit();
