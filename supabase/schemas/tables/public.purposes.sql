-- public.purposes: definition, indexes, row-level security, privileges, policies and triggers.

create table public.purposes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name jsonb not null check (private.is_localized_text(name) and name <> '{}'::jsonb),
  description jsonb not null default '{}'::jsonb check (private.is_localized_text(description)),
  -- Strictly necessary for the service: the only purposes an experience may make non-optional.
  necessary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, key),
  legal_basis text not null default 'consent'
    check (legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task',
                           'legitimate_interests', 'pipl_necessary_hr', 'pipl_public_interest')),
  data_categories text[] not null default '{}' check (private.is_text_list(data_categories, 200)),
  sensitive boolean not null default false,
  separate_consent_sensitive boolean not null default false,
  separate_consent_third_party boolean not null default false,
  third_party_recipient text
    check (third_party_recipient is null or char_length(btrim(third_party_recipient)) between 1 and 300),
  separate_consent_cross_border boolean not null default false,
  cross_border_recipient text
    check (cross_border_recipient is null or char_length(btrim(cross_border_recipient)) between 1 and 300),
  cross_border_country text check (cross_border_country ~ '^[A-Z]{2}$'),
  separate_consent_public_disclosure boolean not null default false,
  retention text not null default '' check (char_length(retention) <= 500),
  retention_days integer check (retention_days between 1 and 36500),
  recipients text[] not null default '{}' check (private.is_text_list(recipients, 300)),
  dpv_purpose text check (dpv_purpose ~ '^dpv:[A-Z][A-Za-z0-9]{1,80}$'),
  constraint purposes_sensitive_needs_separate_consent check (not sensitive or separate_consent_sensitive),
  consent_valid_days integer check (consent_valid_days between 1 and 36500),
  double_opt_in boolean not null default false
);

create index purposes_workspace_id_idx on public.purposes (workspace_id);

alter table public.purposes enable row level security;

revoke all on table public.purposes from anon, authenticated, service_role;
grant all on table public.purposes to service_role;
grant select,insert,delete on table public.purposes to authenticated;
grant update (name, description, necessary, legal_basis, data_categories, sensitive, separate_consent_sensitive, separate_consent_third_party, third_party_recipient, separate_consent_cross_border, cross_border_recipient, cross_border_country, separate_consent_public_disclosure, retention, retention_days, recipients, dpv_purpose, consent_valid_days, double_opt_in) on table public.purposes to authenticated;

create policy "purposes: members read" on public.purposes
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "purposes: owners and admins remove" on public.purposes
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "purposes: owners, admins and legal add" on public.purposes
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));

create policy "purposes: owners, admins and legal change" on public.purposes
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));

-- Audit: catalog changes in full; experiences by name, kind and revision (a draft document is
-- saved every few seconds and is not proof; published snapshots will be).
create trigger purposes_audit after insert or update or delete on public.purposes
  for each row execute function private.audit_row_change('purpose', 'workspace_id', 'id');

create trigger purposes_guard_ledger_rules before update of double_opt_in, consent_valid_days on public.purposes
  for each row execute function private.guard_purpose_ledger_rules();

create trigger purposes_keep_ledger_references before delete on public.purposes
  for each row execute function private.keep_ledger_purposes();

create trigger purposes_keep_notice_references before delete on public.purposes
  for each row execute function private.keep_notice_purposes();

create trigger purposes_touch before update on public.purposes for each row execute function private.touch_updated_at();
