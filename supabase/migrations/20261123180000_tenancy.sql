-- Tenancy: workspaces (the data controller), memberships with roles, invitations by link,
-- and profiles of the accounts that operate them. RLS on every table, one policy per
-- operation, helpers in the unexposed `private` schema (security definer, empty search_path).
-- Relies on: roles anon / authenticated / service_role and auth.uid(), auth.jwt() (Supabase,
-- or the bootstrap shim of lib/db/supabase-shim.ts).

create schema if not exists private;
revoke all on schema private from public;
-- Policies call the helpers as the querying role, which therefore needs USAGE on the schema.
grant usage on schema private to authenticated, service_role;

create type public.workspace_role as enum ('owner', 'admin', 'editor', 'legal', 'viewer');

-- Accounts as seen by the console. `id` is auth.uid() of the account (local or Supabase Auth).
create table public.profiles (
  id uuid primary key,
  email text not null check (char_length(email) between 3 and 320),
  display_name text check (char_length(display_name) <= 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A brand or legal entity: the personal information handler / data controller.
create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  legal_entity_name text not null check (char_length(btrim(legal_entity_name)) between 1 and 200),
  contact_address text not null check (char_length(btrim(contact_address)) between 3 and 500),
  default_locale text not null default 'en' check (default_locale in ('en', 'zh-CN', 'zh-TW')),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index workspaces_created_by_idx on public.workspaces (created_by);

create table public.memberships (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.workspace_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);

-- An invitation is a link holding a random token; only its SHA-256 is stored.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 320),
  role public.workspace_role not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid not null references public.profiles (id),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_by uuid references public.profiles (id),
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_workspace_id_idx on public.invitations (workspace_id);

-- ---------------------------------------------------------------------------------------------
-- Helpers. Called from policies as `(select …)` so Postgres evaluates them once per statement.

-- The workspaces where the caller holds one of `roles` (any role when null).
create function private.my_workspace_ids(roles public.workspace_role[] default null)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id
  from public.memberships m
  where m.user_id = (select auth.uid())
    and (roles is null or m.role = any (roles))
$$;

-- Accounts sharing at least one workspace with the caller (for member lists).
create function private.my_coworker_ids()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct other.user_id
  from public.memberships mine
  join public.memberships other on other.workspace_id = mine.workspace_id
  where mine.user_id = (select auth.uid())
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on function private.my_workspace_ids(public.workspace_role[]) to authenticated;
grant execute on function private.my_coworker_ids() to authenticated;

-- updated_at maintenance.
create function private.touch_updated_at()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();
create trigger workspaces_touch before update on public.workspaces
  for each row execute function private.touch_updated_at();
create trigger memberships_touch before update on public.memberships
  for each row execute function private.touch_updated_at();

-- A workspace always keeps an owner. The workspace row is locked first so two owners demoting
-- each other at the same time cannot both succeed. An update that keeps the role but moves the
-- row to another workspace removes an owner from the old one, like a delete.
create function private.keep_last_owner()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role <> 'owner'
     or (tg_op = 'UPDATE' and new.role = 'owner' and new.workspace_id = old.workspace_id) then
    return coalesce(new, old);
  end if;
  perform 1 from public.workspaces w where w.id = old.workspace_id for update;
  if not found then
    return old; -- the workspace itself is being deleted
  end if;
  if not exists (
    select 1 from public.memberships m
    where m.workspace_id = old.workspace_id and m.role = 'owner' and m.user_id <> old.user_id
  ) then
    raise exception 'consentry.last_owner'
      using errcode = 'P0001', hint = 'A workspace must keep at least one owner.';
  end if;
  return coalesce(new, old);
end
$$;

create trigger memberships_keep_last_owner before update or delete on public.memberships
  for each row execute function private.keep_last_owner();

-- Only an owner may make, change or remove an owner. Admins manage the other roles.
create function private.can_manage_role(workspace_id uuid, role public.workspace_role)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.workspace_id = can_manage_role.workspace_id
      and m.user_id = (select auth.uid())
      and (m.role = 'owner' or (m.role = 'admin' and can_manage_role.role <> 'owner'))
  )
$$;
revoke execute on function private.can_manage_role(uuid, public.workspace_role) from public, anon;
grant execute on function private.can_manage_role(uuid, public.workspace_role) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row-level security.

alter table public.profiles enable row level security;
alter table public.workspaces enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;

-- Only what is granted here: Supabase's default privileges hand anon and authenticated ALL on new
-- tables in public, TRUNCATE included, and TRUNCATE ignores row-level security. Updates are
-- limited to the columns the product changes, so a membership or an invitation can never be
-- moved to another workspace or account (its audit trail would then start in the other chain),
-- and an invitation is only ever marked accepted by public.accept_invitation.
revoke all on public.profiles, public.workspaces, public.memberships, public.invitations from anon, authenticated;
grant select, insert, update on public.profiles to authenticated;
grant select on public.workspaces to authenticated;
grant update (name, legal_entity_name, contact_address, default_locale) on public.workspaces to authenticated;
grant select, insert, delete on public.memberships to authenticated;
grant update (role) on public.memberships to authenticated;
grant select, insert, delete on public.invitations to authenticated;
grant update (email, role, token_hash, expires_at, revoked_at) on public.invitations to authenticated;

create policy "profiles: read own and co-workers" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or id in (select private.my_coworker_ids()));
create policy "profiles: create own" on public.profiles
  for insert to authenticated
  with check (id = (select auth.uid()));
create policy "profiles: update own" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- Workspaces are created through public.create_workspace (which makes the caller owner) and
-- are never deleted by the application: their ledgers must outlive them.
create policy "workspaces: members read" on public.workspaces
  for select to authenticated
  using (id in (select private.my_workspace_ids()));
create policy "workspaces: owners and admins update" on public.workspaces
  for update to authenticated
  using (id in (select private.my_workspace_ids('{owner,admin}')))
  with check (id in (select private.my_workspace_ids('{owner,admin}')));

create policy "memberships: members read" on public.memberships
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids()));
create policy "memberships: owners and admins add" on public.memberships
  for insert to authenticated
  with check ((select private.can_manage_role(workspace_id, role)));
create policy "memberships: owners and admins change roles" on public.memberships
  for update to authenticated
  using ((select private.can_manage_role(workspace_id, role)))
  with check ((select private.can_manage_role(workspace_id, role)));
create policy "memberships: owners and admins remove, anyone leaves" on public.memberships
  for delete to authenticated
  using (user_id = (select auth.uid()) or (select private.can_manage_role(workspace_id, role)));

create policy "invitations: owners and admins read" on public.invitations
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));
create policy "invitations: owners and admins create" on public.invitations
  for insert to authenticated
  with check (invited_by = (select auth.uid()) and (select private.can_manage_role(workspace_id, role)));
-- Changing or deleting an invitation follows the rule for creating it: only an owner touches an
-- invitation to become owner.
create policy "invitations: owners and admins revoke" on public.invitations
  for update to authenticated
  using ((select private.can_manage_role(workspace_id, role)))
  with check ((select private.can_manage_role(workspace_id, role)));
create policy "invitations: owners and admins delete" on public.invitations
  for delete to authenticated
  using ((select private.can_manage_role(workspace_id, role)));

-- ---------------------------------------------------------------------------------------------
-- Narrow entry points.

-- Creates a workspace with the caller as its first owner.
create function public.create_workspace(
  name text,
  legal_entity_name text,
  contact_address text,
  default_locale text default 'en'
)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  new_id uuid;
begin
  if caller is null then
    raise exception 'consentry.not_signed_in' using errcode = '42501';
  end if;
  if not exists (select 1 from public.profiles p where p.id = caller) then
    raise exception 'consentry.profile_missing' using errcode = 'P0001';
  end if;
  insert into public.workspaces (name, legal_entity_name, contact_address, default_locale, created_by)
  values (btrim(create_workspace.name), btrim(create_workspace.legal_entity_name),
          btrim(create_workspace.contact_address), create_workspace.default_locale, caller)
  returning id into new_id;
  insert into public.memberships (workspace_id, user_id, role) values (new_id, caller, 'owner');
  return new_id;
end
$$;
revoke execute on function public.create_workspace(text, text, text, text) from public, anon;
grant execute on function public.create_workspace(text, text, text, text) to authenticated;

-- Accepts an invitation link for the signed-in account whose email it was sent to.
create function public.accept_invitation(token text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  caller_email text := lower((select auth.jwt()) ->> 'email');
  invitation public.invitations;
begin
  if caller is null then
    raise exception 'consentry.not_signed_in' using errcode = '42501';
  end if;
  if not exists (select 1 from public.profiles p where p.id = caller) then
    raise exception 'consentry.profile_missing' using errcode = 'P0001';
  end if;
  select * into invitation from public.invitations i
  where i.token_hash = encode(sha256(convert_to(accept_invitation.token, 'UTF8')), 'hex')
  for update;
  if not found or invitation.revoked_at is not null then
    raise exception 'consentry.invitation_invalid' using errcode = 'P0001';
  end if;
  if invitation.accepted_at is not null then
    raise exception 'consentry.invitation_used' using errcode = 'P0001';
  end if;
  if invitation.expires_at < now() then
    raise exception 'consentry.invitation_expired' using errcode = 'P0001';
  end if;
  if lower(invitation.email) is distinct from caller_email then
    raise exception 'consentry.invitation_other_email' using errcode = 'P0001';
  end if;
  if exists (select 1 from public.memberships m where m.workspace_id = invitation.workspace_id and m.user_id = caller) then
    raise exception 'consentry.already_member' using errcode = 'P0001';
  end if;
  insert into public.memberships (workspace_id, user_id, role) values (invitation.workspace_id, caller, invitation.role);
  update public.invitations set accepted_by = caller, accepted_at = now() where id = invitation.id;
  return invitation.workspace_id;
end
$$;
revoke execute on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;

-- What an invitee may see before accepting: the workspace name and role, nothing else.
create function public.peek_invitation(token text)
returns table (workspace_name text, role public.workspace_role, email text, expires_at timestamptz, status text)
language sql stable security definer set search_path = ''
as $$
  select w.name, i.role, i.email, i.expires_at,
         case when i.revoked_at is not null then 'revoked'
              when i.accepted_at is not null then 'accepted'
              when i.expires_at < now() then 'expired'
              else 'pending' end
  from public.invitations i
  join public.workspaces w on w.id = i.workspace_id
  where i.token_hash = encode(sha256(convert_to(peek_invitation.token, 'UTF8')), 'hex')
$$;
revoke execute on function public.peek_invitation(text) from public, anon;
grant execute on function public.peek_invitation(text) to authenticated;
