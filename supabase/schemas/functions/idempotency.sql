-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function public.claim_idempotency_key(workspace_id uuid, key text, request_hash text)
returns table (outcome text, response jsonb)
language plpgsql security definer set search_path = ''
as $$
declare
  existing public.idempotency_keys;
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  insert into public.idempotency_keys (workspace_id, key, request_hash, status, expires_at)
  values (claim_idempotency_key.workspace_id, claim_idempotency_key.key, claim_idempotency_key.request_hash, 'in_flight',
          now() + interval '60 seconds')
  on conflict do nothing;
  if found then
    return query select 'claimed'::text, null::jsonb;
    return;
  end if;
  select * into existing from public.idempotency_keys k
  where k.workspace_id = claim_idempotency_key.workspace_id and k.key = claim_idempotency_key.key for update;
  if existing.expires_at <= now() then
    update public.idempotency_keys k set request_hash = claim_idempotency_key.request_hash, status = 'in_flight', response = null,
      created_at = now(), expires_at = now() + interval '60 seconds'
    where k.workspace_id = claim_idempotency_key.workspace_id and k.key = claim_idempotency_key.key;
    return query select 'claimed'::text, null::jsonb;
  elsif existing.request_hash <> claim_idempotency_key.request_hash then
    return query select 'mismatch'::text, null::jsonb;
  elsif existing.status = 'in_flight' then
    return query select 'in_flight'::text, null::jsonb;
  else
    return query select 'replay'::text, existing.response;
  end if;
end
$$;
revoke all on function public.claim_idempotency_key(workspace_id uuid, key text, request_hash text) from public, anon, authenticated, service_role;
grant execute on function public.claim_idempotency_key(workspace_id uuid, key text, request_hash text) to service_role;

create or replace function public.finish_idempotency_key(workspace_id uuid, key text, response jsonb)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  update public.idempotency_keys k set status = 'done', response = finish_idempotency_key.response,
    expires_at = now() + interval '24 hours'
  where k.workspace_id = finish_idempotency_key.workspace_id and k.key = finish_idempotency_key.key and k.status = 'in_flight';
end
$$;
revoke all on function public.finish_idempotency_key(workspace_id uuid, key text, response jsonb) from public, anon, authenticated, service_role;
grant execute on function public.finish_idempotency_key(workspace_id uuid, key text, response jsonb) to service_role;

create or replace function public.release_idempotency_key(workspace_id uuid, key text)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  delete from public.idempotency_keys k
  where k.workspace_id = release_idempotency_key.workspace_id and k.key = release_idempotency_key.key and k.status = 'in_flight';
end
$$;
revoke all on function public.release_idempotency_key(workspace_id uuid, key text) from public, anon, authenticated, service_role;
grant execute on function public.release_idempotency_key(workspace_id uuid, key text) to service_role;
