-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Each save bumps the revision; the caller never sets it.
create or replace function private.bump_experience_revision()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.revision := old.revision + 1;
  new.updated_by := (select auth.uid());
  return new;
end
$$;
revoke all on function private.bump_experience_revision() from public;

-- Reads a draft through a preview link: for anyone holding the token, until it expires.
create or replace function public.preview_experience(token text)
returns table (name text, kind public.experience_kind, document jsonb, revision integer, expires_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select e.name, e.kind, e.document, e.revision, l.expires_at
  from public.experience_preview_links l
  join public.experiences e on e.id = l.experience_id
  where l.token_hash = encode(sha256(convert_to(preview_experience.token, 'UTF8')), 'hex')
    and l.expires_at > now()
$$;
revoke all on function public.preview_experience(token text) from public, anon, authenticated, service_role;
grant execute on function public.preview_experience(token text) to anon, authenticated, service_role;
