-- public.sms_opt_out_keywords: definition, indexes, row-level security, privileges, policies and triggers.

-- Opt-out keywords a workspace adds to the built-in TD, 退订, STOP.
create table public.sms_opt_out_keywords (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  keyword text not null check (char_length(keyword) between 1 and 32 and keyword = private.normalise_keyword(keyword)),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  primary key (workspace_id, keyword)
);

alter table public.sms_opt_out_keywords enable row level security;

revoke all on table public.sms_opt_out_keywords from anon, authenticated, service_role;
grant select,delete on table public.sms_opt_out_keywords to authenticated;
grant select on table public.sms_opt_out_keywords to service_role;
grant insert (workspace_id, keyword, created_by) on table public.sms_opt_out_keywords to authenticated;

create policy "sms keywords: members read" on public.sms_opt_out_keywords
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "sms keywords: owners and admins add" on public.sms_opt_out_keywords
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));

create policy "sms keywords: owners and admins remove" on public.sms_opt_out_keywords
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create trigger sms_opt_out_keywords_audit after insert or update or delete on public.sms_opt_out_keywords
  for each row execute function private.audit_row_change('sms_opt_out_keyword', 'workspace_id', 'keyword');
