-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- locale → ISO timestamp of its last change: kept for locales whose doc did not change, now()
-- for changed or new ones, dropped for locales no longer in the content.
create or replace function private.locale_timestamps(old_content jsonb, new_content jsonb, stamps jsonb)
returns jsonb
language sql stable set search_path = ''
as $$
  select coalesce(jsonb_object_agg(e.key,
    case when (old_content -> e.key) is not distinct from e.value and stamps ? e.key then stamps -> e.key
         else to_jsonb(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) end), '{}'::jsonb)
  from jsonb_each(new_content) e
$$;
revoke all on function private.locale_timestamps(old_content jsonb, new_content jsonb, stamps jsonb) from public;

-- The version row, locked for the rest of the transaction: two people acting on it at once
-- are serialised, and the second sees what the first did.
create or replace function private.lock_notice_version(version_id uuid)
returns public.notice_versions
language plpgsql security definer set search_path = ''
as $$
declare
  version public.notice_versions;
begin
  select * into version from public.notice_versions v where v.id = lock_notice_version.version_id for update;
  if not found or not exists (
    select 1 from private.my_workspace_ids() ids(id) where ids.id = version.workspace_id
  ) then
    raise exception 'consentry.not_found' using errcode = 'P0002';
  end if;
  return version;
end
$$;
revoke all on function private.lock_notice_version(version_id uuid) from public;

-- The hash approval stores (see the header for what it covers).
create or replace function private.notice_version_hash(version public.notice_versions)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_object(
    'format', 'consentry.notice_version.v1',
    'notice_id', version.notice_id,
    'number', version.number,
    'content', version.content,
    'rights_statement', version.rights_statement,
    'purpose_statements', version.purpose_statements,
    'purpose_ids', to_jsonb(version.purpose_ids),
    'jurisdictions', to_jsonb(version.jurisdictions),
    'material_change', version.material_change
  )::text, 'UTF8')), 'hex')
$$;
revoke all on function private.notice_version_hash(version public.notice_versions) from public;

-- The caller must be signed in, have a profile, and hold one of `roles` in `workspace_id`;
-- a non-member learns nothing (not_found), a member without the role is forbidden.
create or replace function private.require_notice_role(workspace_id uuid, roles public.workspace_role[])
returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  held public.workspace_role;
begin
  if caller is null then
    raise exception 'consentry.not_signed_in' using errcode = '42501';
  end if;
  select m.role into held from public.memberships m where m.workspace_id = require_notice_role.workspace_id and m.user_id = caller;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0002';
  end if;
  if not held = any (roles) then
    raise exception 'consentry.forbidden' using errcode = '42501';
  end if;
  return caller;
end
$$;
revoke all on function private.require_notice_role(workspace_id uuid, roles public.workspace_role[]) from public;

-- Reviewers are legal members and owners who neither created nor edited the version.
create or replace function private.require_reviewer(version public.notice_versions)
returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
begin
  if not exists (select 1 from private.my_workspace_ids('{owner,legal}') ids(id) where ids.id = version.workspace_id) then
    raise exception 'consentry.not_reviewer' using errcode = '42501';
  end if;
  if version.status <> 'in_review' then
    raise exception 'consentry.notice_wrong_status' using errcode = 'P0001',
      detail = format('notice version %s is %s, not in review', version.id, version.status);
  end if;
  if caller = version.author_id or caller = any (version.contributor_ids) then
    raise exception 'consentry.four_eyes' using errcode = '42501';
  end if;
  return caller;
end
$$;
revoke all on function private.require_reviewer(version public.notice_versions) from public;

-- in_review → approved, by a reviewer, when nothing is missing. The problems go in DETAIL as
-- a JSON array of {code, purpose_key, locale}.
create or replace function public.approve_notice_version(version_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  version public.notice_versions := private.lock_notice_version(approve_notice_version.version_id);
  reviewer uuid := private.require_reviewer(version);
  problems jsonb;
begin
  select coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'purpose_key', p.purpose_key, 'locale', p.locale)), '[]'::jsonb)
  into problems
  from private.notice_version_problems_of(version.id) p;
  if problems <> '[]'::jsonb then
    raise exception 'consentry.notice_incomplete' using errcode = 'P0001', detail = problems::text;
  end if;
  version.status := 'approved';
  version.reviewed_by := reviewer;
  version.reviewed_at := now();
  version.review_comment := null;
  update public.notice_versions v
  set status = version.status, reviewed_by = version.reviewed_by, reviewed_at = version.reviewed_at,
      review_comment = null, content_hash = private.notice_version_hash(version)
  where v.id = version.id;
end
$$;
revoke all on function public.approve_notice_version(version_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.approve_notice_version(version_id uuid) to authenticated, service_role;

-- Creates a notice with its first version, an empty draft written by the caller.
create or replace function public.create_notice(workspace_id uuid, name text, kind text, source_locale text, locales text[])
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  caller uuid := private.require_notice_role(create_notice.workspace_id, '{owner,admin,editor,legal}');
  new_notice uuid;
begin
  insert into public.notices (workspace_id, name, kind, source_locale, locales, created_by)
  values (create_notice.workspace_id, btrim(create_notice.name), create_notice.kind, create_notice.source_locale,
          create_notice.locales, caller)
  returning id into new_notice;
  insert into public.notice_versions (workspace_id, notice_id, number, author_id)
  values (create_notice.workspace_id, new_notice, 1, caller);
  return new_notice;
end
$$;
revoke all on function public.create_notice(workspace_id uuid, name text, kind text, source_locale text, locales text[]) from public, anon, authenticated, service_role;
grant execute on function public.create_notice(workspace_id uuid, name text, kind text, source_locale text, locales text[]) to authenticated, service_role;

-- A new draft after the latest version, starting from its text, purposes and statements.
-- Refused while a draft or a version in review exists: there is one version to work on at a time.
create or replace function public.create_notice_version(notice_id uuid)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  notice public.notices;
  latest public.notice_versions;
  caller uuid;
  new_version uuid;
begin
  -- The notice's row lock serialises numbering.
  select * into notice from public.notices n where n.id = create_notice_version.notice_id for update;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0002';
  end if;
  caller := private.require_notice_role(notice.workspace_id, '{owner,admin,editor,legal}');
  if exists (select 1 from public.notice_versions v where v.notice_id = notice.id and v.status in ('draft', 'in_review')) then
    raise exception 'consentry.notice_open_version' using errcode = 'P0001';
  end if;
  select * into latest from public.notice_versions v where v.notice_id = notice.id order by v.number desc limit 1;
  insert into public.notice_versions (workspace_id, notice_id, number, author_id, content, locale_updated_at,
    purpose_ids, jurisdictions, rights_statement, purpose_statements)
  values (notice.workspace_id, notice.id, coalesce(latest.number, 0) + 1, caller,
    coalesce(latest.content, '{}'), coalesce(latest.locale_updated_at, '{}'), coalesce(latest.purpose_ids, '{}'),
    coalesce(latest.jurisdictions, '{}'), coalesce(latest.rights_statement, '{}'), coalesce(latest.purpose_statements, '{}'))
  returning id into new_version;
  return new_version;
end
$$;
revoke all on function public.create_notice_version(notice_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.create_notice_version(notice_id uuid) to authenticated, service_role;

-- in_review → rejected, by a reviewer, with the reason.
create or replace function public.reject_notice_version(version_id uuid, comment text)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  version public.notice_versions := private.lock_notice_version(reject_notice_version.version_id);
  reviewer uuid := private.require_reviewer(version);
begin
  if char_length(btrim(coalesce(reject_notice_version.comment, ''))) = 0 then
    raise exception 'consentry.comment_required' using errcode = 'P0001';
  end if;
  if char_length(reject_notice_version.comment) > 2000 then
    raise exception 'consentry.invalid_input' using errcode = '22001';
  end if;
  update public.notice_versions v
  set status = 'rejected', reviewed_by = reviewer, reviewed_at = now(), review_comment = btrim(reject_notice_version.comment)
  where v.id = version.id;
end
$$;
revoke all on function public.reject_notice_version(version_id uuid, comment text) from public, anon, authenticated, service_role;
grant execute on function public.reject_notice_version(version_id uuid, comment text) to authenticated, service_role;

-- draft or rejected → in_review, by anyone who may edit it. Only the latest version.
create or replace function public.submit_notice_version(version_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  version public.notice_versions := private.lock_notice_version(submit_notice_version.version_id);
begin
  perform private.require_notice_role(version.workspace_id, '{owner,admin,editor,legal}');
  if version.status not in ('draft', 'rejected') then
    raise exception 'consentry.notice_wrong_status' using errcode = 'P0001',
      detail = format('notice version %s is %s', version.id, version.status);
  end if;
  if exists (select 1 from public.notice_versions v where v.notice_id = version.notice_id and v.number > version.number) then
    raise exception 'consentry.notice_not_editable' using errcode = '42501',
      detail = format('notice version %s was superseded by a newer version', version.id);
  end if;
  update public.notice_versions v
  set status = 'in_review', submitted_at = now(), reviewed_by = null, reviewed_at = null, review_comment = null
  where v.id = version.id;
end
$$;
revoke all on function public.submit_notice_version(version_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.submit_notice_version(version_id uuid) to authenticated, service_role;

-- For an auditor or the console: does the approved version still hash to what was approved,
-- and to what the audit log recorded at approval?
create or replace function public.verify_notice_version(version_id uuid)
returns table (valid boolean, status text, stored_hash text, computed_hash text, audited_hash text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  version public.notice_versions;
  computed text;
  audited text;
begin
  select * into version from public.notice_versions v where v.id = verify_notice_version.version_id;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0002';
  end if;
  perform private.require_notice_role(version.workspace_id, '{owner,admin,editor,legal,viewer}');
  computed := private.notice_version_hash(version);
  select a.after ->> 'content_hash' into audited
  from public.audit_log a
  where a.workspace_id = version.workspace_id and a.action = 'notice_version.approved' and a.target_id = version.id::text
  order by a.seq desc limit 1;
  return query select version.status = 'approved' and version.content_hash = computed and audited = computed,
    version.status, version.content_hash, computed, audited;
end
$$;
revoke all on function public.verify_notice_version(version_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.verify_notice_version(version_id uuid) to authenticated, service_role;
