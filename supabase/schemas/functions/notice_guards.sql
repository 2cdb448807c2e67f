-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.audit_notice_transition()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.append_audit(
    new.workspace_id,
    'notice_version.' || case new.status when 'in_review' then 'submitted' else new.status end,
    'notice_version',
    new.id::text,
    jsonb_build_object('status', old.status),
    jsonb_strip_nulls(jsonb_build_object(
      'status', new.status,
      'notice_id', new.notice_id,
      'number', new.number,
      'submitted_at', new.submitted_at,
      'reviewed_by', new.reviewed_by,
      'reviewed_at', new.reviewed_at,
      'review_comment', new.review_comment,
      'content_hash', new.content_hash,
      'material_change', case when new.status = 'approved' then new.material_change end
    )));
  return null;
end
$$;
revoke all on function private.audit_notice_transition() from public;

-- A purpose a notice version covers cannot be deleted: approved and reviewed versions must keep
-- meaning what they said, and a draft names it until someone takes it out.
create or replace function private.keep_notice_purposes()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (
    select 1 from public.notice_versions v
    where v.workspace_id = old.workspace_id and old.id = any (v.purpose_ids)
  ) then
    raise exception 'consentry.purpose_in_use' using errcode = 'P0001',
      detail = format('purpose %s is covered by a notice version', old.key);
  end if;
  return old;
end
$$;
revoke all on function private.keep_notice_purposes() from public;

-- Used by the notices' delete policy; callable by any signed-in user, so it answers only about
-- notices of the caller's own workspaces (false for anyone else's, as for a notice that does not exist).
create or replace function private.notice_has_history(notice_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.notice_versions v
    where v.notice_id = notice_has_history.notice_id and v.status <> 'draft'
      and (coalesce(nullif(current_setting('role', true), ''), 'none') in ('service_role', 'none')
           or v.workspace_id in (select private.my_workspace_ids()))
  )
$$;
revoke all on function private.notice_has_history(notice_id uuid) from public;
grant execute on function private.notice_has_history(notice_id uuid) to authenticated;

-- New versions are drafts: nobody (the table owner included) inserts a version already approved.
create or replace function private.notice_version_before_insert()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status <> 'draft' or new.submitted_at is not null or new.reviewed_by is not null
     or new.reviewed_at is not null or new.review_comment is not null or new.content_hash is not null then
    raise exception 'consentry.notice_wrong_status' using errcode = 'P0001', detail = 'a notice version starts as a draft';
  end if;
  new.locale_updated_at := private.locale_timestamps(new.content, new.content, new.locale_updated_at);
  new.contributor_ids := '{}';
  perform private.check_notice_purposes(new.workspace_id, new.purpose_ids);
  return new;
end
$$;
revoke all on function private.notice_version_before_insert() from public;

-- Text edits (the columns authenticated may update): only on drafts and rejected versions, never
-- together with a status change. Editing a rejected version reopens it as a draft (its review
-- stays visible until it is submitted again), unless a newer version exists. Tracks who
-- edited, and when each locale changed.
create or replace function private.notice_version_edit()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  editor uuid := (select auth.uid());
begin
  if (new.content, new.change_summary, new.material_change, new.purpose_ids, new.jurisdictions,
      new.rights_statement, new.purpose_statements)
     is not distinct from (old.content, old.change_summary, old.material_change, old.purpose_ids, old.jurisdictions,
      old.rights_statement, old.purpose_statements) then
    return new;
  end if;
  if old.status not in ('draft', 'rejected') or new.status is distinct from old.status then
    raise exception 'consentry.notice_not_editable' using errcode = '42501',
      detail = format('notice version %s is %s', old.id, old.status);
  end if;
  if old.status = 'rejected' then
    if exists (select 1 from public.notice_versions v where v.notice_id = old.notice_id and v.number > old.number) then
      raise exception 'consentry.notice_not_editable' using errcode = '42501',
        detail = format('notice version %s was superseded by a newer version', old.id);
    end if;
    new.status := 'draft';
  end if;
  if editor is not null and not (editor = any (new.contributor_ids)) then
    new.contributor_ids := new.contributor_ids || editor;
  end if;
  new.locale_updated_at := private.locale_timestamps(old.content, new.content, old.locale_updated_at);
  if new.purpose_ids is distinct from old.purpose_ids then
    perform private.check_notice_purposes(new.workspace_id, new.purpose_ids);
  end if;
  return new;
end
$$;
revoke all on function private.notice_version_edit() from public;

-- Every UPDATE and DELETE, for every role: approved rows are immutable, review history stays,
-- identity columns never move, status follows the state machine, an approval carries a
-- reviewer who did not write the version and the hash of exactly what is approved.
create or replace function private.notice_version_guard()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.status = 'approved' then
    raise exception 'consentry.approved_immutable' using errcode = '42501',
      detail = format('notice version %s was approved and can no longer be changed or deleted', old.id);
  end if;
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'consentry.notice_version_history' using errcode = '42501',
        detail = format('notice version %s is %s: review history is kept', old.id, old.status);
    end if;
    return old;
  end if;
  if (new.id, new.workspace_id, new.notice_id, new.number, new.author_id, new.created_at)
     is distinct from (old.id, old.workspace_id, old.notice_id, old.number, old.author_id, old.created_at) then
    raise exception 'consentry.notice_not_editable' using errcode = '42501', detail = 'a version keeps its notice, number and author';
  end if;
  if new.status is distinct from old.status and (old.status, new.status) not in (
    ('draft', 'in_review'), ('rejected', 'in_review'), ('rejected', 'draft'),
    ('in_review', 'approved'), ('in_review', 'rejected')
  ) then
    raise exception 'consentry.notice_wrong_status' using errcode = 'P0001',
      detail = format('a notice version cannot go from %s to %s', old.status, new.status);
  end if;
  if new.status = 'approved' and (
    new.reviewed_by is null or new.reviewed_by = new.author_id or new.reviewed_by = any (new.contributor_ids)
  ) then
    raise exception 'consentry.four_eyes' using errcode = '42501';
  end if;
  if new.status = 'approved' and new.content_hash is distinct from private.notice_version_hash(new) then
    raise exception 'consentry.notice_hash_mismatch' using errcode = 'P0001';
  end if;
  return new;
end
$$;
revoke all on function private.notice_version_guard() from public;

-- Truncation would skip the row triggers: refused while anything but drafts exists.
create or replace function private.notice_versions_no_truncate()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.notice_versions v where v.status = 'approved') then
    raise exception 'consentry.approved_immutable' using errcode = '42501';
  end if;
  if exists (select 1 from public.notice_versions v where v.status <> 'draft') then
    raise exception 'consentry.notice_version_history' using errcode = '42501';
  end if;
  return null;
end
$$;
revoke all on function private.notice_versions_no_truncate() from public;
