-- public.audit_log: definition, indexes, row-level security, privileges, policies and triggers.

create table public.audit_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id),
  seq bigint not null check (seq > 0),
  occurred_at timestamptz not null default clock_timestamp(),
  actor_id uuid,
  actor_email text,
  actor_role text not null,
  action text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  context jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null,
  unique (workspace_id, seq)
);

create index audit_log_workspace_action_idx on public.audit_log (workspace_id, action);

create index audit_log_workspace_occurred_idx on public.audit_log (workspace_id, occurred_at desc);

create index audit_log_workspace_target_idx on public.audit_log (workspace_id, target_type, target_id);

alter table public.audit_log enable row level security;

revoke all on table public.audit_log from anon, authenticated, service_role;
revoke all on sequence public.audit_log_id_seq from anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;
grant all on sequence public.audit_log_id_seq to anon, authenticated, service_role;

create policy "audit_log: owners, admins and legal read" on public.audit_log
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));

create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.refuse_change();

create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_change();
