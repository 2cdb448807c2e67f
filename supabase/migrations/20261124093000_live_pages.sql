-- Live pages: what a hosted page or the embed may read of a LIVE experience, as anon.
--
-- public.live_experience(public_id) (published versions migration) gives the live version's
-- document and pinned notice versions. These functions give what the renderer needs beside it,
-- and nothing more: the catalog entries the live document uses, the text of exactly the notice
-- versions it pins, and from which version on earlier choices are stale. Each answers only for
-- an experience that has a live version; an unknown or unpublished public id gives nothing.
-- Drafts, other experiences, unpinned notice versions and the rest of the catalog stay behind RLS.
--
-- Also: the browser path of the ledger accepts the `store` collection channel from the
-- product's own hosted page (a QR code in a shop opens it on the person's phone), and only there.

-- Purpose and topic ids a document refers to (toggles, channel preferences by purpose, topic lists).
create function private.document_purpose_ids(document jsonb)
returns uuid[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(distinct (x #>> '{}')::uuid), '{}')
  from jsonb_path_query(document, 'lax $.**.purposeId') x
  where jsonb_typeof(x) = 'string' and private.is_uuid(x #>> '{}')
$$;

create function private.document_topic_ids(document jsonb)
returns uuid[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(distinct (x #>> '{}')::uuid), '{}')
  from jsonb_path_query(document, 'lax $.** ? (@.type == "topic_subscriptions").topicIds[*]') x
  where jsonb_typeof(x) = 'string' and private.is_uuid(x #>> '{}')
$$;

-- The catalog entries the live version uses: names and descriptions in every language, whether
-- necessary, whether separate consent applies (PIPL art. 23/25/29/39), and what Global Privacy
-- Control needs (the DPV term, whether another company receives the data).
create function public.live_catalog(public_id text)
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

-- The approved notice versions the live version pins, with their text in every language.
create function public.live_notice_versions(public_id text)
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

-- Choices made under a version numbered below this are stale: the newest version up to the live
-- one that was published as a material change (PIPL art. 14), else 1. Null when not live.
create function public.live_reconsent_from(public_id text)
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

revoke execute on function private.document_purpose_ids(jsonb) from public, anon, authenticated;
revoke execute on function private.document_topic_ids(jsonb) from public, anon, authenticated;
revoke execute on function public.live_catalog(text) from public;
revoke execute on function public.live_notice_versions(text) from public;
revoke execute on function public.live_reconsent_from(text) from public;
grant execute on function public.live_catalog(text) to anon, authenticated;
grant execute on function public.live_notice_versions(text) to anon, authenticated;
grant execute on function public.live_reconsent_from(text) to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- The browser path with the `store` channel for the product's own hosted pages (origin null, as
-- the HTTP layer establishes for same-origin requests). Otherwise as before.
create or replace function public.record_browser_consent(public_key text, origin text, payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  experience public.experiences;
  version_id uuid;
  result jsonb;
begin
  select * into experience from public.experiences e where e.public_key = record_browser_consent.public_key;
  if not found or experience.live_version_id is null then
    raise exception 'consentry.forbidden' using errcode = '42501', detail = 'public key';
  end if;
  if origin is not null and not (origin = any (experience.allowed_origins)) then
    raise exception 'consentry.origin_not_allowed' using errcode = 'P0001', detail = origin;
  end if;
  if jsonb_typeof(payload) is distinct from 'object' then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'payload';
  end if;
  -- A page shown before a rollback or a new publication records the version it showed.
  if nullif(payload ->> 'experienceVersionId', '') is null then
    version_id := experience.live_version_id;
  elsif private.is_uuid(payload ->> 'experienceVersionId') then
    select v.id into version_id from public.experience_versions v
    where v.id = (payload ->> 'experienceVersionId')::uuid and v.experience_id = experience.id;
  end if;
  if version_id is null then
    raise exception 'consentry.unknown_experience_version' using errcode = 'P0001', detail = payload ->> 'experienceVersionId';
  end if;
  if coalesce(payload ->> 'channel', '') not in ('web', 'app', 'mini_program')
     and not (origin is null and payload ->> 'channel' = 'store') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'channel';
  end if;
  if coalesce(payload ->> 'method', '') not in ('click_accept', 'click_reject', 'save', 'toggle', 'gpc_signal') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'method';
  end if;
  if coalesce(payload ->> 'expressedBy', '') not in ('subject', 'guardian') then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'expressedBy';
  end if;
  result := private.record_consent_core(payload || jsonb_build_object(
    'workspaceId', experience.workspace_id, 'experienceVersionId', version_id));
  -- The confirmation link goes to the address, never back to the browser that typed it.
  return result - 'confirmationToken';
end
$$;
