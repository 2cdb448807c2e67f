-- public.workspaces: definition, indexes, row-level security, privileges, policies and triggers.

create table public.workspaces (
  id uuid default gen_random_uuid() not null,
  name text not null,
  legal_entity_name text not null,
  contact_address text not null,
  default_locale text default 'en'::text not null,
  created_by uuid not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  default_region text default 'DEFAULT'::text not null,
  legal_entity_names jsonb default '{}'::jsonb not null,
  contact_addresses jsonb default '{}'::jsonb not null,
  constraint workspaces_contact_address_check check (((char_length(btrim(contact_address)) >= 3) and (char_length(btrim(contact_address)) <= 500))),
  constraint workspaces_contact_addresses_check check (private.is_controller_texts(contact_addresses, 500)),
  constraint workspaces_default_locale_check check ((default_locale = any (array['en'::text, 'zh-CN'::text, 'zh-TW'::text]))),
  constraint workspaces_default_region_check check ((default_region = any (array['CN'::text, 'EU'::text, 'US-CA'::text, 'HK'::text, 'DEFAULT'::text]))),
  constraint workspaces_legal_entity_name_check check (((char_length(btrim(legal_entity_name)) >= 1) and (char_length(btrim(legal_entity_name)) <= 200))),
  constraint workspaces_legal_entity_names_check check (private.is_controller_texts(legal_entity_names, 200)),
  constraint workspaces_name_check check (((char_length(btrim(name)) >= 1) and (char_length(btrim(name)) <= 120)))
);

alter table public.workspaces
  add constraint workspaces_pkey primary key (id);

alter table public.workspaces
  add constraint workspaces_created_by_fkey foreign key (created_by) references public.profiles(id);

create index workspaces_created_by_idx on public.workspaces using btree (created_by);

alter table public.workspaces enable row level security;

revoke all on table public.workspaces from anon, authenticated, service_role;
grant all on table public.workspaces to service_role;
grant select on table public.workspaces to authenticated;
grant update (name, legal_entity_name, contact_address, default_locale, default_region, legal_entity_names, contact_addresses) on table public.workspaces to authenticated;

-- Workspaces are created through public.create_workspace (which makes the caller owner) and
-- are never deleted by the application: their ledgers must outlive them.
create policy "workspaces: members read" on public.workspaces
  for select to authenticated
  using (id in (select private.my_workspace_ids()));

create policy "workspaces: owners and admins update" on public.workspaces
  for update to authenticated
  using (id in (select private.my_workspace_ids('{owner,admin}')))
  with check (id in (select private.my_workspace_ids('{owner,admin}')));

create trigger workspaces_audit after insert or update or delete on public.workspaces
  for each row execute function private.audit_row_change('workspace', 'id', 'id');

create trigger workspaces_create_secret after insert on public.workspaces
  for each row execute function private.create_workspace_secret();

create trigger workspaces_seed_catalog after insert on public.workspaces
  for each row execute function private.seed_default_catalog();

create trigger workspaces_touch before update on public.workspaces
  for each row execute function private.touch_updated_at();
