-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- The hash of what was published: the document and the pinned notice versions, canonical jsonb text.
create or replace function private.experience_version_hash(document jsonb, notice_versions jsonb, material_change boolean)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_object(
    'format', 'consentry.experience_version.v1',
    'document', document, 'notice_versions', notice_versions, 'material_change', material_change
  )::text, 'UTF8')), 'hex')
$$;
revoke all on function private.experience_version_hash(document jsonb, notice_versions jsonb, material_change boolean) from public;

-- Publishes `document` (already checked by the strict publish rules of lib/experience) as the
-- next version and makes it live. Checked here as well: the caller designs experiences in the
-- workspace, every pinned notice version is approved and belongs to the workspace, and every
-- notice block of the document is pinned.
create or replace function public.publish_experience(experience_id uuid, document jsonb, notice_versions jsonb, material_change boolean)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.experiences;
  next_number integer;
  new_id uuid;
  pinned record;
begin
  select * into target from public.experiences e where e.id = publish_experience.experience_id for update;
  if not found or target.workspace_id not in (select private.my_workspace_ids('{owner,admin,editor}')) then
    raise exception 'consentry.forbidden' using errcode = '42501';
  end if;
  if jsonb_typeof(publish_experience.notice_versions) <> 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001';
  end if;
  for pinned in select key as notice_id, value #>> '{}' as version_id from jsonb_each(publish_experience.notice_versions) loop
    if not exists (
      select 1 from public.notice_versions v
      where v.id::text = pinned.version_id and v.notice_id::text = pinned.notice_id
        and v.workspace_id = target.workspace_id and v.status = 'approved'
    ) then
      raise exception 'consentry.notice_not_approved' using errcode = 'P0001', detail = pinned.notice_id;
    end if;
  end loop;
  if exists (
    select 1 from jsonb_path_query(publish_experience.document, 'strict $.**.noticeId') as used(notice_id)
    where not (publish_experience.notice_versions ? (used.notice_id #>> '{}'))
  ) then
    raise exception 'consentry.notice_not_pinned' using errcode = 'P0001';
  end if;
  select coalesce(max(v.number), 0) + 1 into next_number from public.experience_versions v where v.experience_id = target.id;
  insert into public.experience_versions (workspace_id, experience_id, number, kind, document, notice_versions, material_change, content_hash, published_by)
  values (target.workspace_id, target.id, next_number, (publish_experience.document ->> 'kind')::public.experience_kind,
          publish_experience.document, publish_experience.notice_versions, publish_experience.material_change,
          private.experience_version_hash(publish_experience.document, publish_experience.notice_versions, publish_experience.material_change),
          caller)
  returning id into new_id;
  update public.experiences set live_version_id = new_id where id = target.id;
  perform private.append_audit(target.workspace_id, 'experience.published', 'experience', target.id::text, null,
    jsonb_build_object('version', next_number, 'version_id', new_id, 'material_change', publish_experience.material_change,
      'content_hash', private.experience_version_hash(publish_experience.document, publish_experience.notice_versions, publish_experience.material_change)));
  return new_id;
end
$$;
revoke all on function public.publish_experience(experience_id uuid, document jsonb, notice_versions jsonb, material_change boolean) from public, anon, authenticated, service_role;
grant execute on function public.publish_experience(experience_id uuid, document jsonb, notice_versions jsonb, material_change boolean) to authenticated, service_role;

-- Makes an earlier published version live again (rollback), or none (unpublish).
create or replace function public.set_live_experience_version(experience_id uuid, version_id uuid)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  target public.experiences;
  chosen public.experience_versions;
begin
  select * into target from public.experiences e where e.id = set_live_experience_version.experience_id for update;
  if not found or target.workspace_id not in (select private.my_workspace_ids('{owner,admin,editor}')) then
    raise exception 'consentry.forbidden' using errcode = '42501';
  end if;
  if set_live_experience_version.version_id is not null then
    select * into chosen from public.experience_versions v where v.id = set_live_experience_version.version_id and v.experience_id = target.id;
    if not found then
      raise exception 'consentry.not_found' using errcode = 'P0001';
    end if;
  end if;
  update public.experiences set live_version_id = set_live_experience_version.version_id where id = target.id;
  perform private.append_audit(target.workspace_id,
    case when set_live_experience_version.version_id is null then 'experience.unpublished' else 'experience.rolled_back' end,
    'experience', target.id::text, jsonb_build_object('live_version_id', target.live_version_id),
    jsonb_build_object('live_version_id', set_live_experience_version.version_id, 'version', chosen.number));
end
$$;
revoke all on function public.set_live_experience_version(experience_id uuid, version_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.set_live_experience_version(experience_id uuid, version_id uuid) to authenticated, service_role;
