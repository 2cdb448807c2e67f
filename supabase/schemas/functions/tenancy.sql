-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Only an owner may make, change or remove an owner. Admins manage the other roles.
create or replace function private.can_manage_role(workspace_id uuid, role public.workspace_role)
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
revoke all on function private.can_manage_role(workspace_id uuid, role public.workspace_role) from public;
grant execute on function private.can_manage_role(workspace_id uuid, role public.workspace_role) to authenticated;

-- A workspace always keeps an owner. The workspace row is locked first so two owners demoting
-- each other at the same time cannot both succeed. An update that keeps the role but moves the
-- row to another workspace removes an owner from the old one, like a delete.
create or replace function private.keep_last_owner()
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

-- Accounts sharing at least one workspace with the caller (for member lists).
create or replace function private.my_coworker_ids()
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct other.user_id
  from public.memberships mine
  join public.memberships other on other.workspace_id = mine.workspace_id
  where mine.user_id = (select auth.uid())
$$;
revoke all on function private.my_coworker_ids() from public;
grant execute on function private.my_coworker_ids() to authenticated;

-- The workspaces where the caller holds one of `roles` (any role when null).
create or replace function private.my_workspace_ids(roles public.workspace_role[] default null)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id
  from public.memberships m
  where m.user_id = (select auth.uid())
    and (roles is null or m.role = any (roles))
$$;
revoke all on function private.my_workspace_ids(roles public.workspace_role[]) from public;
grant execute on function private.my_workspace_ids(roles public.workspace_role[]) to authenticated;

-- updated_at maintenance.
create or replace function private.touch_updated_at()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Accepts an invitation link for the signed-in account whose email it was sent to.
create or replace function public.accept_invitation(token text)
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
revoke all on function public.accept_invitation(token text) from public, anon, authenticated, service_role;
grant execute on function public.accept_invitation(token text) to authenticated, service_role;

-- Creates a workspace with the caller as its first owner.
create or replace function public.create_workspace(
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
revoke all on function public.create_workspace(name text, legal_entity_name text, contact_address text, default_locale text) from public, anon, authenticated, service_role;
grant execute on function public.create_workspace(name text, legal_entity_name text, contact_address text, default_locale text) to authenticated, service_role;

create or replace function public.invitation_preview(token text)
returns table (workspace_name text, role public.workspace_role, email text, invited_by_name text, invited_by_email text,
               expires_at timestamptz, status text)
language sql stable security definer set search_path = ''
as $$
  with found as (
    select i.*, w.name as workspace_name, nullif(btrim(p.display_name), '') as inviter_name, p.email as inviter_email,
           case when i.revoked_at is not null then 'revoked'
                when i.accepted_at is not null then 'accepted'
                when i.expires_at < now() then 'expired'
                else 'pending' end as status
    from public.invitations i
    join public.workspaces w on w.id = i.workspace_id
    left join public.profiles p on p.id = i.invited_by
    where char_length(invitation_preview.token) between 16 and 100
      and i.token_hash = encode(sha256(convert_to(invitation_preview.token, 'UTF8')), 'hex')
  )
  select case when f.status = 'pending' then f.workspace_name end,
         case when f.status = 'pending' then f.role end,
         case when f.status = 'pending' then f.email end,
         case when f.status = 'pending' then f.inviter_name end,
         case when f.status = 'pending' then f.inviter_email end,
         case when f.status = 'pending' then f.expires_at end,
         f.status
  from found f
$$;
revoke all on function public.invitation_preview(token text) from public, anon, authenticated, service_role;
grant execute on function public.invitation_preview(token text) to anon, authenticated, service_role;
