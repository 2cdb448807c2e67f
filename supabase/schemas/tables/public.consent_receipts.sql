-- public.consent_receipts: definition, indexes, row-level security, privileges, policies and triggers.

create table public.consent_receipts (
  id uuid default gen_random_uuid() not null,
  workspace_id uuid not null,
  subject_id uuid not null,
  experience_id uuid not null,
  experience_version_id uuid not null,
  action text not null,
  event_ids uuid[] not null,
  token_hash text not null,
  created_at timestamp with time zone default now() not null,
  constraint consent_receipts_action_check check (action in ('change', 'withdraw_all', 'decision')),
  constraint consent_receipts_event_ids_check check (((cardinality(event_ids) >= 1) and (cardinality(event_ids) <= 100))),
  constraint consent_receipts_token_hash_check check ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

alter table public.consent_receipts
  add constraint consent_receipts_pkey primary key (id);

alter table public.consent_receipts
  add constraint consent_receipts_token_hash_key unique (token_hash);

alter table public.consent_receipts
  add constraint consent_receipts_experience_id_fkey foreign key (experience_id) references public.experiences(id);

alter table public.consent_receipts
  add constraint consent_receipts_experience_version_id_fkey foreign key (experience_version_id) references public.experience_versions(id);

alter table public.consent_receipts
  add constraint consent_receipts_subject_id_fkey foreign key (subject_id) references public.subjects(id);

alter table public.consent_receipts
  add constraint consent_receipts_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id);

create index consent_receipts_subject_idx on public.consent_receipts using btree (subject_id, created_at desc);

create index consent_receipts_workspace_idx on public.consent_receipts using btree (workspace_id, created_at desc);

alter table public.consent_receipts enable row level security;

revoke all on table public.consent_receipts from anon, authenticated, service_role;
grant select (id, workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, created_at) on table public.consent_receipts to authenticated;

create policy "consent receipts: members read" on public.consent_receipts
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create trigger consent_receipts_append_only before update or delete on public.consent_receipts
  for each row execute function private.refuse_change();

create trigger consent_receipts_no_truncate before truncate on public.consent_receipts
  for each statement execute function private.refuse_change();
