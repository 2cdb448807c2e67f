-- public.contact_log: definition, indexes, row-level security, privileges, policies and triggers.

-- Contacts made, appended by the services that make them; counted for frequency caps.
create table public.contact_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id),
  subject_id uuid not null references public.subjects (id),
  channel public.contact_channel not null,
  purpose_id uuid not null references public.purposes (id),
  contacted_at timestamptz not null,
  external_id text check (char_length(external_id) between 1 and 200),
  created_at timestamptz not null default now()
);

-- A retried append with the same message id counts once.
create unique index contact_log_external_idx on public.contact_log (workspace_id, external_id) where external_id is not null;

create index contact_log_subject_idx on public.contact_log (subject_id, contacted_at desc);

create index contact_log_workspace_idx on public.contact_log (workspace_id, contacted_at desc);

alter table public.contact_log enable row level security;

revoke all on table public.contact_log from anon, authenticated, service_role;
revoke all on sequence public.contact_log_id_seq from anon, authenticated, service_role;
grant select on table public.contact_log to authenticated, service_role;
grant all on sequence public.contact_log_id_seq to anon, authenticated, service_role;

create policy "contact log: members read" on public.contact_log
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
