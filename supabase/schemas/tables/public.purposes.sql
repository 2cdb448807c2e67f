-- public.purposes: definition, indexes, row-level security, privileges, policies and triggers.

create table public.purposes (
  id uuid default gen_random_uuid() not null,
  workspace_id uuid not null,
  key text not null,
  name jsonb not null,
  description jsonb default '{}'::jsonb not null,
  necessary boolean default false not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  legal_basis text default 'consent'::text not null,
  data_categories text[] default '{}'::text[] not null,
  sensitive boolean default false not null,
  separate_consent_sensitive boolean default false not null,
  separate_consent_third_party boolean default false not null,
  third_party_recipient text,
  separate_consent_cross_border boolean default false not null,
  cross_border_recipient text,
  cross_border_country text,
  separate_consent_public_disclosure boolean default false not null,
  retention text default ''::text not null,
  retention_days integer,
  recipients text[] default '{}'::text[] not null,
  dpv_purpose text,
  consent_valid_days integer,
  double_opt_in boolean default false not null,
  constraint purposes_consent_valid_days_check check (((consent_valid_days >= 1) and (consent_valid_days <= 36500))),
  constraint purposes_cross_border_country_check check ((cross_border_country ~ '^[A-Z]{2}$'::text)),
  constraint purposes_cross_border_recipient_check check (((cross_border_recipient is null) or ((char_length(btrim(cross_border_recipient)) >= 1) and (char_length(btrim(cross_border_recipient)) <= 300)))),
  constraint purposes_data_categories_check check (private.is_text_list(data_categories, 200)),
  constraint purposes_description_check check (private.is_localized_text(description)),
  constraint purposes_dpv_purpose_check check ((dpv_purpose ~ '^dpv:[A-Z][A-Za-z0-9]{1,80}$'::text)),
  constraint purposes_key_check check ((key ~ '^[a-z][a-z0-9_]{1,62}$'::text)),
  constraint purposes_legal_basis_check check ((legal_basis = any (array['consent'::text, 'contract'::text, 'legal_obligation'::text, 'vital_interests'::text, 'public_task'::text, 'legitimate_interests'::text, 'pipl_necessary_hr'::text, 'pipl_public_interest'::text]))),
  constraint purposes_name_check check ((private.is_localized_text(name) and (name <> '{}'::jsonb))),
  constraint purposes_recipients_check check (private.is_text_list(recipients, 300)),
  constraint purposes_retention_check check ((char_length(retention) <= 500)),
  constraint purposes_retention_days_check check (((retention_days >= 1) and (retention_days <= 36500))),
  constraint purposes_sensitive_needs_separate_consent check (not sensitive or separate_consent_sensitive),
  constraint purposes_third_party_recipient_check check (((third_party_recipient is null) or ((char_length(btrim(third_party_recipient)) >= 1) and (char_length(btrim(third_party_recipient)) <= 300))))
);

alter table public.purposes
  add constraint purposes_pkey primary key (id);

alter table public.purposes
  add constraint purposes_workspace_id_key_key unique (workspace_id, key);

alter table public.purposes
  add constraint purposes_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id) on delete cascade;

create index purposes_workspace_id_idx on public.purposes using btree (workspace_id);

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
