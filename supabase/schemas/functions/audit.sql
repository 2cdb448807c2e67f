-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Appends one entry for the current caller (auth.uid(), the JWT email, request.context).
create or replace function private.append_audit(
  workspace_id uuid, action text, target_type text, target_id text, before jsonb, after jsonb
)
returns bigint
language plpgsql security definer set search_path = ''
as $$
declare
  genesis constant text := repeat('0', 64);
  head_seq bigint;
  head_hash text;
  entry public.audit_log;
begin
  insert into private.audit_chain_heads (workspace_id, seq, hash)
  values (append_audit.workspace_id, 0, genesis)
  on conflict do nothing;
  select h.seq, h.hash into head_seq, head_hash
  from private.audit_chain_heads h where h.workspace_id = append_audit.workspace_id
  for update;

  entry.workspace_id := append_audit.workspace_id;
  entry.seq := head_seq + 1;
  entry.occurred_at := clock_timestamp();
  entry.actor_id := (select auth.uid());
  entry.actor_email := (select auth.jwt()) ->> 'email';
  entry.actor_role := coalesce((select auth.role()), current_user::text);
  entry.action := append_audit.action;
  entry.target_type := append_audit.target_type;
  entry.target_id := append_audit.target_id;
  entry.before := append_audit.before;
  entry.after := append_audit.after;
  entry.context := coalesce(nullif(current_setting('request.context', true), '')::jsonb, '{}'::jsonb);
  entry.prev_hash := head_hash;
  entry.hash := private.audit_row_hash(
    entry.workspace_id, entry.seq, entry.occurred_at, entry.actor_id, entry.actor_email,
    entry.actor_role, entry.action, entry.target_type, entry.target_id, entry.before,
    entry.after, entry.context, entry.prev_hash);

  insert into public.audit_log (workspace_id, seq, occurred_at, actor_id, actor_email, actor_role,
    action, target_type, target_id, before, after, context, prev_hash, hash)
  values (entry.workspace_id, entry.seq, entry.occurred_at, entry.actor_id, entry.actor_email,
    entry.actor_role, entry.action, entry.target_type, entry.target_id, entry.before,
    entry.after, entry.context, entry.prev_hash, entry.hash)
  returning id into entry.id;

  update private.audit_chain_heads h set seq = entry.seq, hash = entry.hash
  where h.workspace_id = append_audit.workspace_id;
  return entry.id;
end
$$;
revoke all on function private.append_audit(workspace_id uuid, action text, target_type text, target_id text, before jsonb, after jsonb) from public;

-- Row trigger for audited tables. Arguments: entity name, workspace-id column, target-id
-- column, then columns never to copy into the log (secrets such as token hashes).
-- Records `<entity>.created|updated|deleted` with the changed columns before and after.
create or replace function private.audit_row_change()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  entity text := tg_argv[0];
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  row_data jsonb := coalesce(new_row, old_row);
  hidden text[] := array['updated_at'] || coalesce(tg_argv[3:], '{}'::text[]);
  key text;
  before_summary jsonb := '{}'::jsonb;
  after_summary jsonb := '{}'::jsonb;
begin
  for key in select jsonb_object_keys(row_data) loop
    continue when key = any (hidden);
    if tg_op = 'UPDATE' and (old_row -> key) is not distinct from (new_row -> key) then
      continue;
    end if;
    if old_row is not null then before_summary := before_summary || jsonb_build_object(key, old_row -> key); end if;
    if new_row is not null then after_summary := after_summary || jsonb_build_object(key, new_row -> key); end if;
  end loop;
  if tg_op = 'UPDATE' and after_summary = '{}'::jsonb then
    return null; -- nothing an auditor would see changed
  end if;
  perform private.append_audit(
    (row_data ->> tg_argv[1])::uuid,
    entity || case tg_op when 'INSERT' then '.created' when 'UPDATE' then '.updated' else '.deleted' end,
    entity,
    row_data ->> tg_argv[2],
    case when old_row is null then null else before_summary end,
    case when new_row is null then null else after_summary end);
  return null;
end
$$;
revoke all on function private.audit_row_change() from public;

-- The hash of one row: every recorded field plus the previous hash, serialised as a JSON array
-- (jsonb renders keys in a fixed order), timestamps in UTC with microseconds.
create or replace function private.audit_row_hash(
  workspace_id uuid, seq bigint, occurred_at timestamptz, actor_id uuid, actor_email text,
  actor_role text, action text, target_type text, target_id text, before jsonb, after jsonb,
  context jsonb, prev_hash text
)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_array(
    workspace_id::text, seq,
    to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    actor_id::text, actor_email, actor_role, action, target_type, target_id,
    before, after, context, prev_hash
  )::text, 'UTF8')), 'hex')
$$;
revoke all on function private.audit_row_hash(workspace_id uuid, seq bigint, occurred_at timestamp with time zone, actor_id uuid, actor_email text, actor_role text, action text, target_type text, target_id text, before jsonb, after jsonb, context jsonb, prev_hash text) from public;

-- Append-only, for every role. (A superuser can still disable triggers; the chain then shows it.)
create or replace function private.refuse_change()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'consentry.append_only'
    using errcode = '42501', detail = format('%s.%s rejects %s', tg_table_schema, tg_table_name, tg_op);
end
$$;
revoke all on function private.refuse_change() from public;

-- Walks a workspace's chain in order and reports the first row that breaks it: a gap in the
-- sequence (a row removed), a prev_hash that does not match (reordered or inserted), a hash
-- that does not match its fields (altered), or a tail shorter than the recorded head (truncated).
create or replace function public.verify_audit_chain(workspace_id uuid)
returns table (valid boolean, checked_rows bigint, first_invalid_seq bigint, first_invalid_id bigint, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  expected_seq bigint := 1;
  expected_prev text := repeat('0', 64);
  entry public.audit_log;
  head private.audit_chain_heads;
begin
  if not exists (
    select 1 from private.my_workspace_ids('{owner,admin,legal}') ids(id) where ids.id = verify_audit_chain.workspace_id
  ) then
    raise exception 'consentry.forbidden' using errcode = '42501';
  end if;
  for entry in
    select * from public.audit_log a where a.workspace_id = verify_audit_chain.workspace_id order by a.seq
  loop
    if entry.seq <> expected_seq then
      return query select false, expected_seq - 1, expected_seq, entry.id, 'missing_row'::text;
      return;
    end if;
    if entry.prev_hash <> expected_prev then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'broken_link'::text;
      return;
    end if;
    if entry.hash <> private.audit_row_hash(entry.workspace_id, entry.seq, entry.occurred_at,
        entry.actor_id, entry.actor_email, entry.actor_role, entry.action, entry.target_type,
        entry.target_id, entry.before, entry.after, entry.context, entry.prev_hash) then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'hash_mismatch'::text;
      return;
    end if;
    expected_prev := entry.hash;
    expected_seq := expected_seq + 1;
  end loop;
  select * into head from private.audit_chain_heads h where h.workspace_id = verify_audit_chain.workspace_id;
  if found and (head.seq <> expected_seq - 1 or head.hash <> expected_prev) then
    return query select false, expected_seq - 1, expected_seq, null::bigint, 'truncated'::text;
    return;
  end if;
  return query select true, expected_seq - 1, null::bigint, null::bigint, null::text;
end
$$;
revoke all on function public.verify_audit_chain(workspace_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.verify_audit_chain(workspace_id uuid) to authenticated, service_role;
