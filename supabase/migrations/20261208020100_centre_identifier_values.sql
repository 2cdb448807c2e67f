-- Identifiers proven in the preference centre keep their sealed value too (issue 14, §2).
--
-- A person who signs in to the preference centre with a one-time code proves control of an email
-- address or phone number that may never have been recorded with its value (or never at all):
-- without a sealed value, destinations would only ever be told "hash only" for them. The value
-- is known in one place only, when the verification starts (the person typed it); the identifier
-- row exists only once control is proven (the subject is looked up or created then). So:
--
-- 1. Right after public.start_subject_verification, the server (service role) asks
--    public.challenge_identifier for the challenge's workspace, kind, keyed hash and normalised
--    value (only when the typed value is the one the challenge was made for), seals the value
--    exactly as the consents route does (lib/sync/identifiers.ts: the workspace data key, bound
--    to workspace, kind and keyed hash) and parks the blob on the challenge with
--    public.keep_challenge_identifier_value.
-- 2. When the code or link is verified and the session opens (a subject_sessions row), a trigger
--    moves the blob to private.subject_identifier_values for that identifier (a value already
--    kept is left alone) and clears it from the challenge.
-- 3. A blob parked on a challenge that is never verified is cleared once the challenge is
--    spent or expired (lazily, by the next keep in that workspace): an address somebody typed
--    without proving it is not kept.
--
-- The blob opens only with the workspace's data key and only for its own identifier, like every
-- sealed value; nobody but the functions here reads the column.

alter table public.verification_challenges
  add column identifier_value_sealed bytea check (length(identifier_value_sealed) between 29 and 2048);
create index verification_challenges_sealed_idx on public.verification_challenges (workspace_id, expires_at)
  where identifier_value_sealed is not null;

-- What the server seals for a just-started challenge: nothing unless `value` is the value the
-- challenge was made for and the challenge is still open. Service role only.
create function public.challenge_identifier(challenge_id uuid, value text)
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

-- Parks the sealed value on the open challenge (once), and clears the values of the workspace's
-- spent or expired challenges. Service role only.
create function public.keep_challenge_identifier_value(challenge_id uuid, ciphertext bytea)
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

create function private.keep_proven_identifier_value()
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

create trigger subject_sessions_keep_identifier_value after insert on public.subject_sessions
  for each row execute function private.keep_proven_identifier_value();

revoke execute on function private.keep_proven_identifier_value() from public, anon, authenticated;
revoke execute on function public.challenge_identifier(uuid, text) from public, anon, authenticated;
grant execute on function public.challenge_identifier(uuid, text) to service_role;
revoke execute on function public.keep_challenge_identifier_value(uuid, bytea) from public, anon, authenticated;
grant execute on function public.keep_challenge_identifier_value(uuid, bytea) to service_role;
