-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- Purpose and topic ids a document refers to (toggles, channel preferences by purpose, topic lists).
create or replace function private.document_purpose_ids(document jsonb)
returns uuid[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(distinct (x #>> '{}')::uuid), '{}')
  from jsonb_path_query(document, 'lax $.**.purposeId') x
  where jsonb_typeof(x) = 'string' and private.is_uuid(x #>> '{}')
$$;
revoke all on function private.document_purpose_ids(document jsonb) from public;

create or replace function private.document_topic_ids(document jsonb)
returns uuid[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(distinct (x #>> '{}')::uuid), '{}')
  from jsonb_path_query(document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]') x
  where jsonb_typeof(x) = 'string' and private.is_uuid(x #>> '{}')
$$;
revoke all on function private.document_topic_ids(document jsonb) from public;

-- The catalog entries the live version uses: names and descriptions in every language, whether
-- necessary, whether separate consent applies (PIPL art. 23/25/29/39), and what Global Privacy
-- Control needs (the DPV term, whether another company receives the data).
create or replace function public.live_catalog(public_id text)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  with live as (
    select e.workspace_id, v.document
    from public.experiences e
    join public.experience_versions v on v.id = e.live_version_id
    where e.public_id = live_catalog.public_id
  )
  select jsonb_build_object(
    'purposes', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', p.id, 'key', p.key, 'name', p.name, 'description', p.description, 'necessary', p.necessary,
        'separateConsent', p.sensitive or p.separate_consent_sensitive or p.separate_consent_third_party
          or p.separate_consent_cross_border or p.separate_consent_public_disclosure,
        'dpvPurpose', p.dpv_purpose,
        'thirdPartyRecipient', p.separate_consent_third_party or p.third_party_recipient is not null
      ) order by p.key)
      from public.purposes p
      where p.workspace_id = live.workspace_id and p.id = any (private.document_purpose_ids(live.document))
    ), '[]'::jsonb),
    'topics', coalesce((
      select jsonb_agg(jsonb_build_object('id', t.id, 'key', t.key, 'name', t.name) order by t.key)
      from public.topics t
      where t.workspace_id = live.workspace_id and t.id = any (private.document_topic_ids(live.document))
    ), '[]'::jsonb)
  )
  from live
$$;
revoke all on function public.live_catalog(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_catalog(public_id text) to anon, authenticated, service_role;

-- What a hosted page or the embed shows: the live version of a public experience, for anyone.
create or replace function public.live_experience(public_id text)
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
revoke all on function public.live_experience(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_experience(public_id text) to anon, authenticated, service_role;

create or replace function public.live_notice_names(public_id text)
returns table (notice_id uuid, version_id uuid, name text, number integer)
language sql stable security definer set search_path = ''
as $$
  select n.id, nv.id, n.name, nv.number
  from public.experiences e
  join public.experience_versions v on v.id = e.live_version_id
  cross join lateral jsonb_each_text(v.notice_versions) pinned(notice_key, version_key)
  join public.notice_versions nv
    on nv.id::text = pinned.version_key and nv.notice_id::text = pinned.notice_key
   and nv.workspace_id = e.workspace_id and nv.status = 'approved'
  join public.notices n on n.id = nv.notice_id and n.workspace_id = e.workspace_id
  where e.public_id = live_notice_names.public_id
$$;
revoke all on function public.live_notice_names(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_notice_names(public_id text) to anon, authenticated, service_role;

-- The approved notice versions the live version pins, with their text in every language.
create or replace function public.live_notice_versions(public_id text)
returns table (notice_id uuid, version_id uuid, content jsonb)
language sql stable security definer set search_path = ''
as $$
  select n.notice_id, n.id, n.content
  from public.experiences e
  join public.experience_versions v on v.id = e.live_version_id
  cross join lateral jsonb_each_text(v.notice_versions) pinned(notice_key, version_key)
  join public.notice_versions n
    on n.id::text = pinned.version_key and n.notice_id::text = pinned.notice_key
   and n.workspace_id = e.workspace_id and n.status = 'approved'
  where e.public_id = live_notice_versions.public_id
$$;
revoke all on function public.live_notice_versions(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_notice_versions(public_id text) to anon, authenticated, service_role;

-- Choices made under a version numbered below this are stale: the newest version up to the live
-- one that was published as a material change (PIPL art. 14), else 1. Null when not live.
create or replace function public.live_reconsent_from(public_id text)
returns integer
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select max(older.number) from public.experience_versions older
    where older.experience_id = e.id and older.number <= v.number and older.material_change
  ), 1)
  from public.experiences e
  join public.experience_versions v on v.id = e.live_version_id
  where e.public_id = live_reconsent_from.public_id
$$;
revoke all on function public.live_reconsent_from(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_reconsent_from(public_id text) to anon, authenticated, service_role;

-- What a hosted page or the embed needs to apply a live experience's regions: the workspace's
-- adjustments by region and its default region. NULL for an unknown or unpublished experience.
create or replace function public.live_region_rules(public_id text)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'overrides', coalesce((select jsonb_object_agg(r.region_code, r.rules) from public.region_rule_sets r where r.workspace_id = e.workspace_id), '{}'::jsonb),
    'defaultRegion', w.default_region)
  from public.experiences e
  join public.workspaces w on w.id = e.workspace_id
  where e.public_id = live_region_rules.public_id and e.live_version_id is not null
$$;
revoke all on function public.live_region_rules(public_id text) from public, anon, authenticated, service_role;
grant execute on function public.live_region_rules(public_id text) to anon, authenticated, service_role;
