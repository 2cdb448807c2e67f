-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.check_subject_chain(subject_id uuid)
returns table (valid boolean, checked_rows bigint, first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  expected_seq bigint := 1;
  expected_prev text := repeat('0', 64);
  entry public.consent_events;
  head public.subjects;
begin
  select * into head from public.subjects s where s.id = check_subject_chain.subject_id;
  for entry in select * from public.consent_events e where e.subject_id = check_subject_chain.subject_id order by e.seq loop
    if entry.seq <> expected_seq then
      return query select false, expected_seq - 1, expected_seq, entry.id, 'missing_row'::text;
      return;
    end if;
    if entry.prev_hash <> expected_prev then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'broken_link'::text;
      return;
    end if;
    if entry.hash <> private.consent_event_hash(entry) or entry.workspace_id <> head.workspace_id then
      return query select false, expected_seq - 1, entry.seq, entry.id, 'hash_mismatch'::text;
      return;
    end if;
    expected_prev := entry.hash;
    expected_seq := expected_seq + 1;
  end loop;
  if head.chain_length <> expected_seq - 1 or head.chain_head <> expected_prev then
    return query select false, expected_seq - 1, expected_seq, null::uuid, 'truncated'::text;
    return;
  end if;
  return query select true, expected_seq - 1, null::bigint, null::uuid, null::text;
end
$$;
revoke all on function private.check_subject_chain(subject_id uuid) from public;

create or replace function public.verify_consent_ledger(workspace_id uuid)
returns table (valid boolean, checked_subjects bigint, checked_rows bigint, first_invalid_subject_id uuid,
               first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  subject_row record;
  verdict record;
  subjects_seen bigint := 0;
  rows_seen bigint := 0;
begin
  perform private.assert_workspace_access(workspace_id);
  for subject_row in select s.id from public.subjects s where s.workspace_id = verify_consent_ledger.workspace_id order by s.created_at, s.id loop
    select * into verdict from private.check_subject_chain(subject_row.id);
    if not verdict.valid then
      return query select false, subjects_seen, rows_seen + verdict.checked_rows, subject_row.id, verdict.first_invalid_seq,
        verdict.first_invalid_id, verdict.reason;
      return;
    end if;
    subjects_seen := subjects_seen + 1;
    rows_seen := rows_seen + verdict.checked_rows;
  end loop;
  -- Events whose subject belongs to another workspace would escape the walk above.
  if exists (select 1 from public.consent_events e join public.subjects s on s.id = e.subject_id
             where e.workspace_id = verify_consent_ledger.workspace_id and s.workspace_id <> e.workspace_id) then
    return query select false, subjects_seen, rows_seen, null::uuid, null::bigint, null::uuid, 'foreign_subject'::text;
    return;
  end if;
  return query select true, subjects_seen, rows_seen, null::uuid, null::bigint, null::uuid, null::text;
end
$$;
revoke all on function public.verify_consent_ledger(workspace_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.verify_consent_ledger(workspace_id uuid) to authenticated, service_role;

create or replace function public.verify_subject_chain(subject_id uuid)
returns table (valid boolean, checked_rows bigint, first_invalid_seq bigint, first_invalid_id uuid, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  ws uuid;
begin
  select s.workspace_id into ws from public.subjects s where s.id = verify_subject_chain.subject_id;
  if ws is null then
    raise exception 'consentry.not_found' using errcode = 'P0001';
  end if;
  perform private.assert_workspace_access(ws);
  return query select * from private.check_subject_chain(verify_subject_chain.subject_id);
end
$$;
revoke all on function public.verify_subject_chain(subject_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.verify_subject_chain(subject_id uuid) to authenticated, service_role;
