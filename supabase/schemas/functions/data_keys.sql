-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Master key rotation (lib/sync/crypto/rotate.ts, run by the service): every data key wrapped by
-- `old_id`, to be re-wrapped in Node, and the swap, which only applies if nothing changed meanwhile.
create or replace function public.data_keys_wrapped_by(old_id text)
returns table (workspace_id uuid, wrapped_key bytea)
language sql security definer set search_path = ''
as $$ select k.workspace_id, k.wrapped_key from private.workspace_data_keys k where k.master_key_id = old_id order by 1 $$;
revoke all on function public.data_keys_wrapped_by(old_id text) from public, anon, authenticated, service_role;
grant execute on function public.data_keys_wrapped_by(old_id text) to service_role;

create or replace function public.rewrap_data_key(workspace_id uuid, old_wrapped bytea, new_wrapped bytea, new_master_key_id text)
returns boolean
language sql security definer set search_path = ''
as $$
  with changed as (
    update private.workspace_data_keys k
    set wrapped_key = new_wrapped, master_key_id = new_master_key_id, rewrapped_at = now()
    where k.workspace_id = rewrap_data_key.workspace_id and k.wrapped_key = old_wrapped
    returning 1
  )
  select exists (select 1 from changed)
$$;
revoke all on function public.rewrap_data_key(workspace_id uuid, old_wrapped bytea, new_wrapped bytea, new_master_key_id text) from public, anon, authenticated, service_role;
grant execute on function public.rewrap_data_key(workspace_id uuid, old_wrapped bytea, new_wrapped bytea, new_master_key_id text) to service_role;

-- The workspace's wrapped data key, storing `proposed` when it has none yet (the caller made a
-- fresh key and wrapped it; whoever stores first wins and everyone gets that one). Owners and
-- admins (destination secrets) and the service (the workers) only. Useless without the master key.
create or replace function public.workspace_data_key(workspace_id uuid, proposed bytea, proposed_master_key_id text)
returns table (wrapped_key bytea, master_key_id text)
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.assert_workspace_access(workspace_id, '{owner,admin}');
  insert into private.workspace_data_keys as k (workspace_id, wrapped_key, master_key_id)
  values (workspace_data_key.workspace_id, proposed, proposed_master_key_id)
  on conflict do nothing;
  return query select k.wrapped_key, k.master_key_id from private.workspace_data_keys k
    where k.workspace_id = workspace_data_key.workspace_id;
end
$$;
revoke all on function public.workspace_data_key(workspace_id uuid, proposed bytea, proposed_master_key_id text) from public, anon, authenticated, service_role;
grant execute on function public.workspace_data_key(workspace_id uuid, proposed bytea, proposed_master_key_id text) to authenticated, service_role;
