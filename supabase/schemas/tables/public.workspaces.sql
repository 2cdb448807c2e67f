-- public.workspaces: definition, indexes, row-level security, privileges, policies and triggers.

-- A brand or legal entity: the personal information handler / data controller.
create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  legal_entity_name text not null check (char_length(btrim(legal_entity_name)) between 1 and 200),
  contact_address text not null check (char_length(btrim(contact_address)) between 3 and 500),
  default_locale text not null default 'en' check (default_locale in ('en', 'zh-CN', 'zh-TW')),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  default_region text not null default 'DEFAULT' check (default_region in ('CN', 'EU', 'US-CA', 'HK', 'DEFAULT')),
  legal_entity_names jsonb not null default '{}'::jsonb
    constraint workspaces_legal_entity_names_check check (private.is_controller_texts(legal_entity_names, 200)),
  contact_addresses jsonb not null default '{}'::jsonb
    constraint workspaces_contact_addresses_check check (private.is_controller_texts(contact_addresses, 500))
);

create index workspaces_created_by_idx on public.workspaces (created_by);

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
