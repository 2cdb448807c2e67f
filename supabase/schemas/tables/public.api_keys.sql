-- public.api_keys: definition, indexes, row-level security, privileges, policies and triggers.

create table public.api_keys (
  id uuid default gen_random_uuid() not null,
  workspace_id uuid not null,
  name text not null,
  prefix text not null,
  key_hash text not null,
  scopes text[] not null,
  created_by uuid not null,
  created_at timestamp with time zone default now() not null,
  last_used_at timestamp with time zone,
  revoked_at timestamp with time zone,
  constraint api_keys_key_hash_check check ((key_hash ~ '^[0-9a-f]{64}$'::text)),
  constraint api_keys_name_check check (((char_length(btrim(name)) >= 1) and (char_length(btrim(name)) <= 120))),
  constraint api_keys_prefix_check check ((prefix ~ '^[0-9a-f]{8}$'::text)),
  constraint api_keys_scopes_check check ( cardinality(scopes) between 1 and 6 and scopes <@ array['consent:write', 'consent:read', 'decisions:read', 'contacts:write', 'changes:read', 'destinations:manage']::text[] and array_position(scopes, null) is null)
);

alter table public.api_keys
  add constraint api_keys_key_hash_key unique (key_hash);

alter table public.api_keys
  add constraint api_keys_pkey primary key (id);

alter table public.api_keys
  add constraint api_keys_prefix_key unique (prefix);

alter table public.api_keys
  add constraint api_keys_created_by_fkey foreign key (created_by) references public.profiles(id);

alter table public.api_keys
  add constraint api_keys_workspace_id_fkey foreign key (workspace_id) references public.workspaces(id);

create index api_keys_workspace_idx on public.api_keys using btree (workspace_id, created_at desc);

alter table public.api_keys enable row level security;

revoke all on table public.api_keys from anon, authenticated, service_role;
grant select (id, workspace_id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at) on table public.api_keys to authenticated;
grant select (id, workspace_id, key_hash, scopes, created_by, last_used_at, revoked_at) on table public.api_keys to service_role;
grant insert (workspace_id, name, prefix, key_hash, scopes, created_by) on table public.api_keys to authenticated;
grant update (last_used_at) on table public.api_keys to service_role;
grant update (revoked_at) on table public.api_keys to authenticated;

create policy "api keys: owners and admins create" on public.api_keys
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and created_by = (select auth.uid()));

create policy "api keys: owners and admins read" on public.api_keys
  for select to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "api keys: owners and admins revoke" on public.api_keys
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create trigger api_keys_audit after insert or update or delete on public.api_keys
  for each row execute function private.audit_row_change('api_key', 'workspace_id', 'id', 'key_hash', 'last_used_at');

create trigger api_keys_revoke_once before update on public.api_keys for each row execute function private.revoke_once();
