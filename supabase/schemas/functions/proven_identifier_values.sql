-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.keep_proven_identifier_value()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.subject_identifier_values (identifier_id, workspace_id, ciphertext)
  select i.id, i.workspace_id, c.identifier_value_sealed
  from public.verification_challenges c
  join public.subject_identifiers i
    on i.workspace_id = c.workspace_id and i.kind = c.identifier_kind and i.identifier_hash = c.identifier_hash
  where c.id = new.challenge_id and c.identifier_value_sealed is not null
  on conflict (identifier_id) do nothing;
  update public.verification_challenges c set identifier_value_sealed = null
  where c.id = new.challenge_id and c.identifier_value_sealed is not null;
  return null;
end
$$;
revoke all on function private.keep_proven_identifier_value() from public;

-- What the server seals for a just-started challenge: nothing unless `value` is the value the
-- challenge was made for and the challenge is still open. Service role only.
create or replace function public.challenge_identifier(challenge_id uuid, value text)
returns table (workspace_id uuid, kind public.identifier_kind, identifier_hash text, normalised text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
  select c.workspace_id, c.identifier_kind, c.identifier_hash, n.v
  from public.verification_challenges c
  cross join lateral (select private.try_normalise_identifier(c.identifier_kind, challenge_identifier.value) as v) n
  where c.id = challenge_identifier.challenge_id and c.consumed_at is null and c.locked_at is null and c.expires_at > now()
    and n.v is not null and private.try_identifier_hash(c.workspace_id, c.identifier_kind, n.v) = c.identifier_hash;
end
$$;
revoke all on function public.challenge_identifier(challenge_id uuid, value text) from public, anon, authenticated, service_role;
grant execute on function public.challenge_identifier(challenge_id uuid, value text) to service_role;

-- Parks the sealed value on the open challenge (once), and clears the values of the workspace's
-- spent or expired challenges. Service role only.
create or replace function public.keep_challenge_identifier_value(challenge_id uuid, ciphertext bytea)
returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  made integer;
  ws uuid;
begin
  update public.verification_challenges c set identifier_value_sealed = keep_challenge_identifier_value.ciphertext
  where c.id = keep_challenge_identifier_value.challenge_id and c.identifier_value_sealed is null
    and c.consumed_at is null and c.locked_at is null and c.expires_at > now()
  returning c.workspace_id into ws;
  get diagnostics made = row_count;
  if ws is not null then
    update public.verification_challenges c set identifier_value_sealed = null
    where c.id in (
      select c2.id from public.verification_challenges c2
      where c2.workspace_id = ws and c2.identifier_value_sealed is not null
        and (c2.consumed_at is not null or c2.locked_at is not null or c2.expires_at <= now())
      limit 100
    );
  end if;
  return made > 0;
end
$$;
revoke all on function public.keep_challenge_identifier_value(challenge_id uuid, ciphertext bytea) from public, anon, authenticated, service_role;
grant execute on function public.keep_challenge_identifier_value(challenge_id uuid, ciphertext bytea) to service_role;
