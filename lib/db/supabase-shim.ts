import type { Sql } from "./types";

/**
 * Creates what the migrations rely on and Supabase provides, where it is missing (PGlite, plain
 * PostgreSQL): the roles `anon`, `authenticated`, `service_role` and `auth.uid()`, `auth.jwt()`,
 * `auth.role()` reading `request.jwt.claims` as PostgREST sets it. Every step checks first, so on
 * Supabase (or on a second run) it changes nothing. Creating roles needs CREATEROLE (a superuser
 * on plain PostgreSQL); the migrations themselves do not.
 */
const SHIM = String.raw`
do $shim$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_namespace where nspname = 'auth') then
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $fn$;
  end if;
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $fn$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;
  end if;
end
$shim$;
`;

/** Runs the shim, then lets `loginRole` (default: the connected user) act as the API roles. */
export async function bootstrapSupabaseShim(sql: Sql, options: { loginRole?: string } = {}): Promise<void> {
  await sql.exec(SHIM);
  const [{ login }] = (await sql.query<{ login: string }>("select coalesce($1::text, current_user) as login", [
    options.loginRole ?? null,
  ])) as [{ login: string }];
  for (const apiRole of ["anon", "authenticated", "service_role"]) {
    const [membership] = await sql.query<{ member: boolean }>("select pg_has_role($1, $2, 'member') as member", [
      login,
      apiRole,
    ]);
    if (!membership?.member) await sql.exec(`grant ${apiRole} to ${quoteIdentifier(login)}`);
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
