-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Who is calling, as the API role set by runAsCaller / runAsService (unchanged inside security
-- definer functions). Anon is refused; members need one of `roles` (any role when null); the
-- service role and the database owner (no role set) are trusted.
create or replace function private.assert_workspace_access(workspace_id uuid, roles public.workspace_role[] default null)
returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  api_role text := coalesce(nullif(current_setting('role', true), ''), 'none');
begin
  if api_role in ('service_role', 'none') then
    return;
  end if;
  if api_role = 'authenticated' and exists (
    select 1 from public.memberships m
    where m.workspace_id = assert_workspace_access.workspace_id and m.user_id = (select auth.uid())
      and (roles is null or m.role = any (roles))
  ) then
    return;
  end if;
  raise exception 'consentry.forbidden' using errcode = '42501';
end
$$;
revoke all on function private.assert_workspace_access(workspace_id uuid, roles public.workspace_role[]) from public;

create or replace function private.is_time_zone(value text)
returns boolean
language plpgsql stable set search_path = ''
as $$
begin
  if value is null or value !~ '^[A-Za-z0-9_+/-]{1,64}$' then
    return false;
  end if;
  perform now() at time zone value;
  return true;
exception when others then
  return false;
end
$$;
revoke all on function private.is_time_zone(value text) from public;

create or replace function private.is_uuid(value text)
returns boolean
language sql immutable set search_path = ''
as $$ select coalesce(value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', false) $$;
revoke all on function private.is_uuid(value text) from public;

-- A random one-time token (two v4 UUIDs: 244 random bits).
create or replace function private.new_token(prefix text)
returns text
language sql volatile set search_path = ''
as $$ select prefix || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') $$;
revoke all on function private.new_token(prefix text) from public;

create or replace function private.sha256_hex(value text)
returns text
language sql immutable set search_path = ''
as $$ select encode(sha256(convert_to(coalesce(value, ''), 'UTF8')), 'hex') $$;
revoke all on function private.sha256_hex(value text) from public;

create or replace function private.utc_text(value timestamptz)
returns text
language sql immutable set search_path = ''
as $$ select to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
revoke all on function private.utc_text(value timestamp with time zone) from public;
