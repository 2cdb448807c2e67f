-- Notices and their approval, held by the database rather than the UI: a regulator asks who
-- approved what text, when, and whether anyone could have changed it since.
--
--  * purposes gain the legal fields a notice must state (PIPL art. 17, 23/25/39, 28–30);
--  * public.notices: a notice (privacy notice, cookie notice, …) and the locales it is offered in;
--  * public.notice_versions: numbered versions, per-locale tiptap JSON, moving
--      draft → in_review → approved | rejected, rejected → (edit) → draft, rejected → in_review,
--    only through the functions below (callers hold no UPDATE on status or review columns);
--  * approval is by legal or an owner who neither created nor edited the version (four eyes),
--    is refused while notice_version_problems() reports anything, and stores content_hash;
--  * an approved version is refused every UPDATE and DELETE, by every role including the table
--    owner; in-review and rejected versions are history and cannot be deleted either.
--
-- What content_hash covers (private.notice_version_hash): SHA-256, hex, of the UTF-8 text of
--   jsonb_build_object('format', 'consentry.notice_version.v1', 'notice_id', …, 'number', …,
--     'content', …, 'rights_statement', …, 'purpose_statements', …, 'purpose_ids', …,
--     'jurisdictions', …, 'material_change', …)::text
-- jsonb renders an object's keys in one fixed order (shorter keys first, then bytewise) with
-- ", " and ": " separators, so the text is canonical; lib/notices/content-hash.ts recomputes it
-- outside the database. Review metadata (who, when, comment) is not hashed: it is recorded in
-- the same row and in the audit log, whose `notice_version.approved` entry carries the hash.

-- ---------------------------------------------------------------------------------------------
-- Value checks shared by the constraints below (called as the writing role, hence the grants).

-- Languages a notice may be written in: SUPPORTED_CONTENT_LOCALES of lib/experience/localized.ts.
create function private.notice_locales()
returns text[]
language sql immutable set search_path = ''
as $$ select array['en', 'zh-CN', 'zh-TW', 'zh-HK', 'ja', 'ko', 'fr', 'de', 'es']::text[] $$;

-- Offered locales: at least one, each supported, each once.
create function private.is_locale_list(value text[])
returns boolean
language sql immutable set search_path = ''
as $$
  select cardinality(value) > 0
     and array_position(value, null) is null
     and value <@ private.notice_locales()
     and cardinality(value) = (select count(distinct v) from unnest(value) v)
$$;

-- A list of short human statements (data categories, recipients): no blanks, no duplicates.
create function private.is_text_list(value text[], max_length integer)
returns boolean
language sql immutable set search_path = ''
as $$
  select cardinality(value) <= 50
     and array_position(value, null) is null
     and not exists (select 1 from unnest(value) v where char_length(btrim(v)) = 0 or char_length(v) > max_length)
     and cardinality(value) = (select count(distinct v) from unnest(value) v)
$$;

-- Localized text of a notice: {"en": "...", "zh-CN": "..."}, keys among the notice locales.
create function private.is_notice_text(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select private.is_localized_text(value)
     and not exists (select 1 from jsonb_object_keys(value) k where not k = any (private.notice_locales()))
$$;

-- {purposeId: localized text}: the separate statement each separate-consent purpose needs.
create function private.is_purpose_statements(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not exists (
       select 1 from jsonb_each(value) e
       where e.key !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          or not private.is_notice_text(e.value)
     )
$$;

-- {locale: tiptap doc}. The shape of each doc is lib/experience/rich-text.ts's business (zod);
-- the database only makes sure it is a doc per supported locale and not absurdly large.
create function private.is_notice_content(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and octet_length(value::text) <= 2000000
     and not exists (
       select 1 from jsonb_each(value) e
       where not e.key = any (private.notice_locales())
          or jsonb_typeof(e.value) <> 'object'
          or e.value ->> 'type' is distinct from 'doc'
     )
$$;

-- The text a reader sees in a tiptap doc, for completeness checks: every text node, in order.
-- (`strict` keeps `**` from visiting array members twice, as `lax` would.)
create function private.rich_text_plain(doc jsonb)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(string_agg(t.value #>> '{}', '' order by t.ordinality), '')
  from jsonb_array_elements(jsonb_path_query_array(coalesce(doc, '{}'::jsonb), 'strict $.**.text')) with ordinality t
$$;

-- Text compared for "does the notice name X": case and whitespace (line breaks included) ignored.
create function private.squashed(value text)
returns text
language sql immutable set search_path = ''
as $$ select lower(regexp_replace(coalesce(value, ''), '\s+', '', 'g')) $$;

revoke execute on function private.notice_locales() from public;
revoke execute on function private.is_locale_list(text[]) from public;
revoke execute on function private.is_text_list(text[], integer) from public;
revoke execute on function private.is_notice_text(jsonb) from public;
revoke execute on function private.is_purpose_statements(jsonb) from public;
revoke execute on function private.is_notice_content(jsonb) from public;
revoke execute on function private.rich_text_plain(jsonb) from public;
revoke execute on function private.squashed(text) from public;
grant execute on function private.notice_locales(), private.is_locale_list(text[]), private.is_text_list(text[], integer),
  private.is_notice_text(jsonb), private.is_purpose_statements(jsonb), private.is_notice_content(jsonb)
  to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- a) Legal fields of purposes.
--
-- Recipients and the destination country are filled in by legal, often after the flag is set:
-- the seed turns `separate_consent_cross_border` / `_third_party` ON for the standard purposes
-- whose very nature they are, with the recipient left empty, because a purpose called "Transfer
-- abroad" that is not flagged would be bundled into "accept all" (PIPL art. 39 forbids it) while
-- nobody noticed. So the table accepts a flag without its recipient; what may not happen is
-- approving a CN notice that covers such a purpose: notice_version_problems reports
-- `cross_border_recipient_missing` / `third_party_recipient_missing` until legal names them.
-- The CHECKs hold what is always wrong: a blank recipient (use null), a country that is not an
-- ISO 3166 alpha-2 code, a sensitive purpose without separate consent (PIPL art. 29).

alter table public.purposes
  add column legal_basis text not null default 'consent'
    check (legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task',
                           'legitimate_interests', 'pipl_necessary_hr', 'pipl_public_interest')),
  add column data_categories text[] not null default '{}' check (private.is_text_list(data_categories, 200)),
  add column sensitive boolean not null default false,
  add column separate_consent_sensitive boolean not null default false,
  add column separate_consent_third_party boolean not null default false,
  add column third_party_recipient text
    check (third_party_recipient is null or char_length(btrim(third_party_recipient)) between 1 and 300),
  add column separate_consent_cross_border boolean not null default false,
  add column cross_border_recipient text
    check (cross_border_recipient is null or char_length(btrim(cross_border_recipient)) between 1 and 300),
  add column cross_border_country text check (cross_border_country ~ '^[A-Z]{2}$'),
  add column separate_consent_public_disclosure boolean not null default false,
  add column retention text not null default '' check (char_length(retention) <= 500),
  add column retention_days integer check (retention_days between 1 and 36500),
  add column recipients text[] not null default '{}' check (private.is_text_list(recipients, 300)),
  add column dpv_purpose text check (dpv_purpose ~ '^dpv:[A-Z][A-Za-z0-9]{1,80}$'),
  add constraint purposes_sensitive_needs_separate_consent check (not sensitive or separate_consent_sensitive);

grant update (legal_basis, data_categories, sensitive, separate_consent_sensitive, separate_consent_third_party,
  third_party_recipient, separate_consent_cross_border, cross_border_recipient, cross_border_country,
  separate_consent_public_disclosure, retention, retention_days, recipients, dpv_purpose)
  on public.purposes to authenticated;

-- What follows from the nature of each standard purpose. Data categories, retention and
-- recipients are the controller's own facts: left for legal to state, and reported by
-- notice_version_problems for CN notices until they do.
create function private.standard_purpose_legal()
returns table (
  key text, legal_basis text, sensitive boolean, separate_consent_sensitive boolean,
  separate_consent_third_party boolean, separate_consent_cross_border boolean, dpv_purpose text
)
language sql immutable set search_path = ''
as $$
  select * from (values
    ('necessary',             'contract', false, false, false, false, 'dpv:ServiceProvision'),
    ('analytics',             'consent',  false, false, false, false, 'dpv:ServiceUsageAnalytics'),
    ('advertising',           'consent',  false, false, false, false, 'dpv:PersonalisedAdvertising'),
    ('personalisation',       'consent',  false, false, false, false, 'dpv:ServicePersonalisation'),
    ('marketing',             'consent',  false, false, false, false, 'dpv:DirectMarketing'),
    ('sensitive_data',        'consent',  true,  true,  false, false, null),
    ('cross_border_transfer', 'consent',  false, false, false, true,  null),
    ('third_party_sharing',   'consent',  false, false, true,  false, null)
  ) s(key, legal_basis, sensitive, separate_consent_sensitive, separate_consent_third_party, separate_consent_cross_border, dpv_purpose)
$$;
revoke execute on function private.standard_purpose_legal() from public, anon, authenticated;

-- The standard catalog of a new workspace, now with its legal fields (same names and order).
create or replace function private.seed_default_catalog()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.purposes (workspace_id, key, necessary, name, description, legal_basis, sensitive,
    separate_consent_sensitive, separate_consent_third_party, separate_consent_cross_border, dpv_purpose)
  select new.id, d.key, d.necessary, d.name::jsonb, d.description::jsonb, s.legal_basis, s.sensitive,
    s.separate_consent_sensitive, s.separate_consent_third_party, s.separate_consent_cross_border, s.dpv_purpose
  from (values
    (1, 'necessary', true, '{"en":"Strictly necessary","zh-CN":"必要功能","zh-TW":"必要功能"}',
      '{"en":"Needed for the service to work. Always on.","zh-CN":"服务正常运行所必需，始终开启。","zh-TW":"服務正常運作所必需，始終開啟。"}'),
    (2, 'analytics', false, '{"en":"Analytics","zh-CN":"统计分析","zh-TW":"統計分析"}',
      '{"en":"Measure how the service is used to improve it.","zh-CN":"统计服务的使用情况，以便改进。","zh-TW":"統計服務的使用情況，以便改進。"}'),
    (3, 'advertising', false, '{"en":"Advertising","zh-CN":"广告","zh-TW":"廣告"}',
      '{"en":"Show and measure ads, including on other sites.","zh-CN":"展示和衡量广告，包括在其他网站上。","zh-TW":"展示和衡量廣告，包括在其他網站上。"}'),
    (4, 'personalisation', false, '{"en":"Personalisation","zh-CN":"个性化推荐","zh-TW":"個人化推薦"}',
      '{"en":"Tailor content and offers to you.","zh-CN":"根据您的偏好推荐内容和优惠。","zh-TW":"根據您的偏好推薦內容和優惠。"}'),
    (5, 'marketing', false, '{"en":"Marketing messages","zh-CN":"营销信息","zh-TW":"行銷訊息"}',
      '{"en":"News and offers by the channels you choose.","zh-CN":"通过您选择的渠道发送资讯和优惠。","zh-TW":"透過您選擇的管道傳送資訊和優惠。"}'),
    (6, 'sensitive_data', false, '{"en":"Sensitive personal information","zh-CN":"敏感个人信息","zh-TW":"敏感個人資料"}',
      '{"en":"Processing of sensitive information such as precise location.","zh-CN":"处理精确位置等敏感个人信息。","zh-TW":"處理精確位置等敏感個人資料。"}'),
    (7, 'cross_border_transfer', false, '{"en":"Transfer abroad","zh-CN":"向境外提供","zh-TW":"向境外提供"}',
      '{"en":"Sending personal information to a recipient outside the country.","zh-CN":"向境外接收方提供个人信息。","zh-TW":"向境外接收方提供個人資料。"}'),
    (8, 'third_party_sharing', false, '{"en":"Sharing with other companies","zh-CN":"向其他个人信息处理者提供","zh-TW":"向其他資料使用者提供"}',
      '{"en":"Giving personal information to another company for its own use.","zh-CN":"向其他个人信息处理者提供您的个人信息。","zh-TW":"向其他資料使用者提供您的個人資料。"}')
  ) d(ord, key, necessary, name, description)
  join private.standard_purpose_legal() s on s.key = d.key
  order by d.ord;
  insert into public.topics (workspace_id, key, name) values
    (new.id, 'offers', '{"en":"Offers and promotions","zh-CN":"优惠与促销","zh-TW":"優惠與促銷"}'),
    (new.id, 'product_news', '{"en":"Product news","zh-CN":"产品资讯","zh-TW":"產品資訊"}'),
    (new.id, 'events', '{"en":"Events","zh-CN":"活动","zh-TW":"活動"}');
  return null;
end
$$;

-- Existing workspaces: their standard purposes get the same fields (audited by purposes_audit,
-- with the migrating role as actor).
update public.purposes p
set legal_basis = s.legal_basis,
    sensitive = s.sensitive,
    separate_consent_sensitive = s.separate_consent_sensitive,
    separate_consent_third_party = s.separate_consent_third_party,
    separate_consent_cross_border = s.separate_consent_cross_border,
    dpv_purpose = s.dpv_purpose
from private.standard_purpose_legal() s
where p.key = s.key;

-- ---------------------------------------------------------------------------------------------
-- b) Notices and their versions.

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  kind text not null
    check (kind in ('privacy_notice', 'cookie_notice', 'marketing_consent', 'sensitive_data_notice', 'other')),
  -- The language legal writes in; the others are translations of it (translation status).
  source_locale text not null check (source_locale = any (private.notice_locales())),
  locales text[] not null check (private.is_locale_list(locales) and source_locale = any (locales)),
  created_by uuid not null default auth.uid() references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id) -- target of notice_versions' key: a version lives in its notice's workspace
);
create index notices_workspace_id_idx on public.notices (workspace_id);

create table public.notice_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  notice_id uuid not null,
  number integer not null check (number > 0),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'approved', 'rejected')),
  content jsonb not null default '{}'::jsonb check (private.is_notice_content(content)),
  -- locale → when that locale's content last changed (ISO 8601, UTC); kept by a trigger.
  locale_updated_at jsonb not null default '{}'::jsonb check (jsonb_typeof(locale_updated_at) = 'object'),
  change_summary text not null default '' check (char_length(change_summary) <= 2000),
  -- Earlier consents become stale when a version marked as a material change is published (PIPL art. 14).
  material_change boolean not null default false,
  purpose_ids uuid[] not null default '{}' check (array_position(purpose_ids, null) is null and cardinality(purpose_ids) <= 100),
  jurisdictions text[] not null default '{}'
    check (jurisdictions <@ array['CN', 'EU', 'US-CA', 'HK']::text[] and array_position(jurisdictions, null) is null),
  rights_statement jsonb not null default '{}'::jsonb check (private.is_notice_text(rights_statement)),
  purpose_statements jsonb not null default '{}'::jsonb check (private.is_purpose_statements(purpose_statements)),
  author_id uuid not null references public.profiles (id),
  -- Everyone who changed this version's text (the author too, once they edit): none may approve it.
  contributor_ids uuid[] not null default '{}',
  submitted_at timestamptz,
  reviewed_by uuid references public.profiles (id),
  reviewed_at timestamptz,
  review_comment text check (char_length(review_comment) <= 2000),
  content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (notice_id, workspace_id) references public.notices (id, workspace_id) on delete cascade,
  unique (notice_id, number),
  constraint notice_versions_submission_recorded check (status not in ('in_review', 'approved') or submitted_at is not null),
  constraint notice_versions_approval_recorded check (
    (status = 'approved') = (content_hash is not null)
    and (status <> 'approved' or (reviewed_by is not null and reviewed_at is not null))
  ),
  constraint notice_versions_rejection_recorded check (
    status <> 'rejected' or (reviewed_by is not null and reviewed_at is not null and char_length(btrim(review_comment)) > 0)
  )
);
create index notice_versions_workspace_id_idx on public.notice_versions (workspace_id);
-- At most one version of a notice is being worked on (draft) or reviewed at a time.
create unique index notice_versions_one_open_idx on public.notice_versions (notice_id) where status in ('draft', 'in_review');

create trigger notices_touch before update on public.notices
  for each row execute function private.touch_updated_at();
create trigger notice_versions_touch before update on public.notice_versions
  for each row execute function private.touch_updated_at();

-- The hash approval stores (see the header for what it covers).
create function private.notice_version_hash(version public.notice_versions)
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

-- locale → ISO timestamp of its last change: kept for locales whose doc did not change, now()
-- for changed or new ones, dropped for locales no longer in the content.
create function private.locale_timestamps(old_content jsonb, new_content jsonb, stamps jsonb)
returns jsonb
language sql stable set search_path = ''
as $$
  select coalesce(jsonb_object_agg(e.key,
    case when (old_content -> e.key) is not distinct from e.value and stamps ? e.key then stamps -> e.key
         else to_jsonb(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) end), '{}'::jsonb)
  from jsonb_each(new_content) e
$$;

-- Every covered purpose belongs to the version's workspace, once. The purposes are locked
-- against deletion until the transaction ends (see purposes_keep_notice_references).
create function private.check_notice_purposes(workspace_id uuid, purpose_ids uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  matched integer;
begin
  perform 1 from public.purposes p
  where p.workspace_id = check_notice_purposes.workspace_id and p.id = any (check_notice_purposes.purpose_ids)
  for key share;
  get diagnostics matched = row_count;
  if matched <> cardinality(purpose_ids) then
    raise exception 'consentry.notice_purpose_invalid' using errcode = '23503',
      detail = 'every purpose of a notice version must be a distinct purpose of its workspace';
  end if;
end
$$;

-- New versions are drafts: nobody (the table owner included) inserts a version already approved.
create function private.notice_version_before_insert()
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

-- Every UPDATE and DELETE, for every role: approved rows are immutable, review history stays,
-- identity columns never move, status follows the state machine, an approval carries a
-- reviewer who did not write the version and the hash of exactly what is approved.
create function private.notice_version_guard()
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

-- Text edits (the columns authenticated may update): only on drafts and rejected versions, never
-- together with a status change. Editing a rejected version reopens it as a draft (its review
-- stays visible until it is submitted again), unless a newer version exists. Tracks who
-- edited, and when each locale changed.
create function private.notice_version_edit()
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

-- Truncation would skip the row triggers: refused while anything but drafts exists.
create function private.notice_versions_no_truncate()
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

create trigger notice_versions_before_insert before insert on public.notice_versions
  for each row execute function private.notice_version_before_insert();
create trigger notice_versions_guard before update or delete on public.notice_versions
  for each row execute function private.notice_version_guard();
-- Named so it fires after the guard (triggers of one timing fire in name order).
create trigger notice_versions_track_edits before update on public.notice_versions
  for each row execute function private.notice_version_edit();
create trigger notice_versions_no_truncate before truncate on public.notice_versions
  for each statement execute function private.notice_versions_no_truncate();

-- A purpose a notice version covers cannot be deleted: approved and reviewed versions must keep
-- meaning what they said, and a draft names it until someone takes it out.
create function private.keep_notice_purposes()
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
create trigger purposes_keep_notice_references before delete on public.purposes
  for each row execute function private.keep_notice_purposes();

-- ---------------------------------------------------------------------------------------------
-- d) Audit. Notices in full. Versions without their content and locale timestamps (the text
-- is large; what was approved is pinned by content_hash, which is recorded). Status changes
-- are recorded under their domain name — notice_version.submitted / approved / rejected —
-- with the review fields; everything else as notice_version.created / updated / deleted. One
-- entry per change either way, whoever made it (the table owner included).

create function private.audit_notice_transition()
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

create trigger notices_audit after insert or update or delete on public.notices
  for each row execute function private.audit_row_change('notice', 'workspace_id', 'id');
create trigger notice_versions_audit after insert or delete on public.notice_versions
  for each row execute function private.audit_row_change('notice_version', 'workspace_id', 'id', 'content', 'locale_updated_at');
create trigger notice_versions_audit_edits after update on public.notice_versions
  for each row when (old.status is not distinct from new.status or new.status = 'draft')
  execute function private.audit_row_change('notice_version', 'workspace_id', 'id', 'content', 'locale_updated_at');
create trigger notice_versions_audit_transitions after update on public.notice_versions
  for each row when (old.status is distinct from new.status and new.status <> 'draft')
  execute function private.audit_notice_transition();

-- ---------------------------------------------------------------------------------------------
-- Row-level security. Members read; owners, admins, editors and legal write notices and edit
-- drafts; versions are created and move between states only through the functions below.

create function private.notice_has_history(notice_id uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.notice_versions v where v.notice_id = notice_has_history.notice_id and v.status <> 'draft')
$$;

alter table public.notices enable row level security;
alter table public.notice_versions enable row level security;

revoke all on public.notices, public.notice_versions from anon, authenticated, service_role;
grant select, delete on public.notices to authenticated;
grant insert (workspace_id, name, kind, source_locale, locales, created_by) on public.notices to authenticated;
grant update (name, locales) on public.notices to authenticated;
grant select, delete on public.notice_versions to authenticated;
grant update (content, change_summary, material_change, purpose_ids, jurisdictions, rights_statement, purpose_statements)
  on public.notice_versions to authenticated;
-- Workers (publishing) read approved versions; nothing writes versions but the functions below.
grant select on public.notices, public.notice_versions to service_role;

create policy "notices: members read" on public.notices
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "notices: owners, admins, editors and legal create" on public.notices
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and created_by = (select auth.uid()));
create policy "notices: owners, admins, editors and legal change" on public.notices
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')));
-- Only while nothing was ever submitted: reviewed and approved versions are history.
create policy "notices: owners and admins delete unreviewed" on public.notices
  for delete to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and not private.notice_has_history(id));

create policy "notice versions: members read" on public.notice_versions
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "notice versions: owners, admins, editors and legal edit drafts" on public.notice_versions
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and status in ('draft', 'rejected'))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}')) and status in ('draft', 'rejected'));
create policy "notice versions: author, owners and admins delete drafts" on public.notice_versions
  for delete to authenticated
  using (
    status = 'draft'
    and (workspace_id in (select private.my_workspace_ids('{owner,admin}'))
         or (author_id = (select auth.uid()) and workspace_id in (select private.my_workspace_ids('{owner,admin,editor,legal}'))))
  );

-- ---------------------------------------------------------------------------------------------
-- c) Functions.

-- The caller must be signed in, have a profile, and hold one of `roles` in `workspace_id`;
-- a non-member learns nothing (not_found), a member without the role is forbidden.
create function private.require_notice_role(workspace_id uuid, roles public.workspace_role[])
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

-- Completeness before approval (regulations.md: PIPL art. 17, 23, 28–30, 39; GDPR art. 13).
-- One row per problem: a code, the purpose key or the locale it concerns.
create function private.notice_version_problems_of(version_id uuid)
returns table (code text, purpose_key text, locale text)
language sql stable security definer set search_path = ''
as $$
  with version as (
    select v.*, n.locales as offered, 'CN' = any (v.jurisdictions) as cn, 'EU' = any (v.jurisdictions) as eu
    from public.notice_versions v join public.notices n on n.id = v.notice_id
    where v.id = notice_version_problems_of.version_id
  ),
  controller as (
    select private.squashed(w.legal_entity_name) as entity, private.squashed(w.contact_address) as contact
    from public.workspaces w join version on w.id = version.workspace_id
  ),
  locale as (
    select l.locale, l.ord, private.squashed(private.rich_text_plain(version.content -> l.locale)) as text,
           btrim(coalesce(version.rights_statement ->> l.locale, '')) as rights
    from version, unnest(version.offered) with ordinality l(locale, ord)
  ),
  purpose as (
    select p.*, array_position(version.purpose_ids, p.id) as ord
    from version join public.purposes p on p.id = any (version.purpose_ids) and p.workspace_id = version.workspace_id
  ),
  problem as (
    select 'locale_missing' as code, null::text as purpose_key, locale.locale, 0 as p_ord, locale.ord as l_ord
    from locale where locale.text = ''
    union all
    select 'purposes_missing', null, null, 0, 0 from version where cardinality(version.purpose_ids) = 0
    union all
    select 'controller_missing', null, locale.locale, 0, locale.ord
    from version, controller, locale
    where (version.cn or version.eu) and locale.text <> '' and position(controller.entity in locale.text) = 0
    union all
    select 'contact_missing', null, locale.locale, 0, locale.ord
    from version, controller, locale
    where (version.cn or version.eu) and locale.text <> '' and position(controller.contact in locale.text) = 0
    union all
    select 'rights_missing', null, locale.locale, 0, locale.ord
    from version, locale where (version.cn or version.eu) and locale.rights = ''
    union all
    select 'data_categories_missing', purpose.key, null, purpose.ord, 0
    from version, purpose where version.cn and cardinality(purpose.data_categories) = 0
    union all
    select 'retention_missing', purpose.key, null, purpose.ord, 0
    from version, purpose where version.cn and btrim(purpose.retention) = ''
    union all
    select 'separate_statement_missing', purpose.key, locale.locale, purpose.ord, locale.ord
    from version, purpose, locale
    where version.cn
      and (purpose.sensitive or purpose.separate_consent_sensitive or purpose.separate_consent_third_party
           or purpose.separate_consent_cross_border or purpose.separate_consent_public_disclosure)
      and btrim(coalesce(version.purpose_statements -> purpose.id::text ->> locale.locale, '')) = ''
    union all
    select 'cross_border_recipient_missing', purpose.key, null, purpose.ord, 0
    from version, purpose
    where version.cn and purpose.separate_consent_cross_border
      and (purpose.cross_border_recipient is null or purpose.cross_border_country is null)
    union all
    select 'third_party_recipient_missing', purpose.key, null, purpose.ord, 0
    from version, purpose
    where version.cn and purpose.separate_consent_third_party and purpose.third_party_recipient is null
  )
  select problem.code, problem.purpose_key, problem.locale
  from problem
  order by array_position(array['locale_missing', 'purposes_missing', 'controller_missing', 'contact_missing',
    'rights_missing', 'data_categories_missing', 'retention_missing', 'separate_statement_missing',
    'cross_border_recipient_missing', 'third_party_recipient_missing'], problem.code), problem.p_ord, problem.l_ord
$$;

create function public.notice_version_problems(version_id uuid)
returns table (code text, purpose_key text, locale text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  version_workspace uuid;
begin
  select v.workspace_id into version_workspace from public.notice_versions v where v.id = notice_version_problems.version_id;
  if not found then
    raise exception 'consentry.not_found' using errcode = 'P0002';
  end if;
  perform private.require_notice_role(version_workspace, '{owner,admin,editor,legal,viewer}');
  return query select p.code, p.purpose_key, p.locale from private.notice_version_problems_of(notice_version_problems.version_id) p;
end
$$;

-- Creates a notice with its first version, an empty draft written by the caller.
create function public.create_notice(workspace_id uuid, name text, kind text, source_locale text, locales text[])
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

-- A new draft after the latest version, starting from its text, purposes and statements.
-- Refused while a draft or a version in review exists: there is one version to work on at a time.
create function public.create_notice_version(notice_id uuid)
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

-- The version row, locked for the rest of the transaction: two people acting on it at once
-- are serialised, and the second sees what the first did.
create function private.lock_notice_version(version_id uuid)
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

-- Reviewers are legal members and owners who neither created nor edited the version.
create function private.require_reviewer(version public.notice_versions)
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

-- draft or rejected → in_review, by anyone who may edit it. Only the latest version.
create function public.submit_notice_version(version_id uuid)
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

-- in_review → approved, by a reviewer, when nothing is missing. The problems go in DETAIL as
-- a JSON array of {code, purpose_key, locale}.
create function public.approve_notice_version(version_id uuid)
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

-- in_review → rejected, by a reviewer, with the reason.
create function public.reject_notice_version(version_id uuid, comment text)
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

-- For an auditor or the console: does the approved version still hash to what was approved,
-- and to what the audit log recorded at approval?
create function public.verify_notice_version(version_id uuid)
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

revoke execute on function private.standard_purpose_legal() from public, anon, authenticated;
revoke execute on function private.notice_version_hash(public.notice_versions) from public, anon, authenticated;
revoke execute on function private.locale_timestamps(jsonb, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function private.check_notice_purposes(uuid, uuid[]) from public, anon, authenticated;
revoke execute on function private.notice_version_before_insert() from public, anon, authenticated;
revoke execute on function private.notice_version_guard() from public, anon, authenticated;
revoke execute on function private.notice_version_edit() from public, anon, authenticated;
revoke execute on function private.notice_versions_no_truncate() from public, anon, authenticated;
revoke execute on function private.keep_notice_purposes() from public, anon, authenticated;
revoke execute on function private.audit_notice_transition() from public, anon, authenticated;
revoke execute on function private.notice_has_history(uuid) from public, anon;
grant execute on function private.notice_has_history(uuid) to authenticated;
revoke execute on function private.require_notice_role(uuid, public.workspace_role[]) from public, anon, authenticated;
revoke execute on function private.notice_version_problems_of(uuid) from public, anon, authenticated;
revoke execute on function private.lock_notice_version(uuid) from public, anon, authenticated;
revoke execute on function private.require_reviewer(public.notice_versions) from public, anon, authenticated;

revoke execute on function public.notice_version_problems(uuid) from public, anon;
revoke execute on function public.create_notice(uuid, text, text, text, text[]) from public, anon;
revoke execute on function public.create_notice_version(uuid) from public, anon;
revoke execute on function public.submit_notice_version(uuid) from public, anon;
revoke execute on function public.approve_notice_version(uuid) from public, anon;
revoke execute on function public.reject_notice_version(uuid, text) from public, anon;
revoke execute on function public.verify_notice_version(uuid) from public, anon;
grant execute on function public.notice_version_problems(uuid), public.create_notice(uuid, text, text, text, text[]),
  public.create_notice_version(uuid), public.submit_notice_version(uuid), public.approve_notice_version(uuid),
  public.reject_notice_version(uuid, text), public.verify_notice_version(uuid)
  to authenticated;
