-- public.data_subject_requests: definition, indexes, row-level security, privileges, policies and triggers.

create table public.data_subject_requests (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  -- How the person proved who they are (the identifier they verified).
  identifier_kind public.identifier_kind not null,
  kind text not null check (kind in ('access', 'deletion', 'correction')),
  status text not null default 'received' check (status in ('received', 'in_progress', 'completed', 'rejected')),
  note text check (char_length(note) <= 2000),
  response_note text check (char_length(response_note) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  handled_by uuid references public.profiles (id),
  handled_at timestamptz
);

create index data_subject_requests_subject_idx on public.data_subject_requests (subject_id, created_at desc);

create index data_subject_requests_workspace_idx on public.data_subject_requests (workspace_id, created_at desc);

alter table public.data_subject_requests enable row level security;

revoke all on table public.data_subject_requests from anon, authenticated, service_role;
grant select on table public.data_subject_requests to authenticated;
grant update (status, response_note) on table public.data_subject_requests to authenticated;

create policy "data subject requests: owners, admins and legal handle" on public.data_subject_requests
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));

create policy "data subject requests: owners, admins and legal read" on public.data_subject_requests
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));

create trigger data_subject_requests_audit after insert or update or delete on public.data_subject_requests
  for each row execute function private.audit_row_change('data_subject_request', 'workspace_id', 'id', 'note', 'response_note', 'handled_at');

create trigger data_subject_requests_stamp before update on public.data_subject_requests
  for each row execute function private.stamp_data_subject_request();
