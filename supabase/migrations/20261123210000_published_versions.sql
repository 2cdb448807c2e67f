-- Published experience versions: immutable snapshots of the document, with the approved notice
-- versions they pin. A consent record points at one of them: it is the proof of exactly what
-- the person saw. An experience has at most one live version; rolling back or unpublishing
-- moves that pointer and never touches a snapshot. (Regions and variants extend this later.)

-- The stable public identity of an experience: its hosted URL and the embed use `public_id`;
-- browsers authenticate with `public_key`, accepted only from `allowed_origins` (and the
-- product's own hosted pages).
alter table public.experiences
  add column public_id text not null unique default ('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20))
    check (public_id ~ '^x[0-9a-f]{20}$'),
  add column public_key text not null unique default ('pk_' || replace(gen_random_uuid()::text, '-', ''))
    check (public_key ~ '^pk_[0-9a-f]{32}$'),
  add column allowed_origins text[] not null default '{}'
    check (array_length(allowed_origins, 1) is null or array_length(allowed_origins, 1) <= 50);

create table public.experience_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id),
  -- No cascade: an experience with a published version is never deleted (the proof must stay).
  experience_id uuid not null references public.experiences (id),
  number integer not null check (number > 0),
  kind public.experience_kind not null,
  -- The document exactly as published (it passed the strict publish checks).
  document jsonb not null check (jsonb_typeof(document) = 'object'),
  -- noticeId -> the approved notice version pinned by this publication.
  notice_versions jsonb not null default '{}'::jsonb check (jsonb_typeof(notice_versions) = 'object'),
  -- A material change makes consents given under earlier versions stale (PIPL art. 14).
  material_change boolean not null default false,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  published_by uuid not null references public.profiles (id),
  published_at timestamptz not null default now(),
  unique (experience_id, number)
);
create index experience_versions_workspace_idx on public.experience_versions (workspace_id, published_at desc);

alter table public.experiences add column live_version_id uuid references public.experience_versions (id);
create index experiences_live_version_idx on public.experiences (live_version_id);

-- Snapshots never change, for anyone.
create trigger experience_versions_append_only before update or delete on public.experience_versions
  for each row execute function private.refuse_change();
create trigger experience_versions_no_truncate before truncate on public.experience_versions
  for each statement execute function private.refuse_change();

-- The hash of what was published: the document and the pinned notice versions, canonical jsonb text.
create function private.experience_version_hash(document jsonb, notice_versions jsonb, material_change boolean)
returns text
language sql immutable set search_path = ''
as $$
  select encode(sha256(convert_to(jsonb_build_object(
    'format', 'consentry.experience_version.v1',
    'document', document, 'notice_versions', notice_versions, 'material_change', material_change
  )::text, 'UTF8')), 'hex')
$$;

-- Publishes `document` (already checked by the strict publish rules of lib/experience) as the
-- next version and makes it live. Checked here as well: the caller designs experiences in the
-- workspace, every pinned notice version is approved and belongs to the workspace, and every
-- notice block of the document is pinned.
create function public.publish_experience(experience_id uuid, document jsonb, notice_versions jsonb, material_change boolean)
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

-- Makes an earlier published version live again (rollback), or none (unpublish).
create function public.set_live_experience_version(experience_id uuid, version_id uuid)
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

-- What a hosted page or the embed shows: the live version of a public experience, for anyone.
create function public.live_experience(public_id text)
returns table (experience_id uuid, workspace_id uuid, version_id uuid, number integer, kind public.experience_kind,
               document jsonb, notice_versions jsonb, material_change boolean, content_hash text, published_at timestamptz,
               public_key text, allowed_origins text[])
language sql stable security definer set search_path = ''
as $$
  select e.id, e.workspace_id, v.id, v.number, v.kind, v.document, v.notice_versions, v.material_change, v.content_hash,
         v.published_at, e.public_key, e.allowed_origins
  from public.experiences e
  join public.experience_versions v on v.id = e.live_version_id
  where e.public_id = live_experience.public_id
$$;

alter table public.experience_versions enable row level security;
revoke all on public.experience_versions from anon, authenticated;
grant select on public.experience_versions to authenticated, service_role;
create policy "experience versions: members read" on public.experience_versions
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- The new experience columns: allowed origins are kept by designers; ids and keys are not editable.
grant update (allowed_origins) on public.experiences to authenticated;
-- Experiences with a published version are never deleted: the snapshots reference them.

revoke execute on function private.experience_version_hash(jsonb, jsonb, boolean) from public, anon, authenticated;
revoke execute on function public.publish_experience(uuid, jsonb, jsonb, boolean) from public, anon;
grant execute on function public.publish_experience(uuid, jsonb, jsonb, boolean) to authenticated;
revoke execute on function public.set_live_experience_version(uuid, uuid) from public, anon;
grant execute on function public.set_live_experience_version(uuid, uuid) to authenticated;
revoke execute on function public.live_experience(text) from public;
grant execute on function public.live_experience(text) to anon, authenticated;
