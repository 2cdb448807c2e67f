-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

-- A localized text as stored: {"en": "...", "zh-CN": "..."}; non-empty object of strings.
create or replace function private.is_localized_text(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not exists (select 1 from jsonb_each(value) e where jsonb_typeof(e.value) <> 'string' or length(e.value #>> '{}') > 2000)
$$;
revoke all on function private.is_localized_text(value jsonb) from public;
grant execute on function private.is_localized_text(value jsonb) to authenticated, service_role;

-- A list of short human statements (data categories, recipients): no blanks, no duplicates.
create or replace function private.is_text_list(value text[], max_length integer)
returns boolean
language sql immutable set search_path = ''
as $$
  select cardinality(value) <= 50
     and array_position(value, null) is null
     and not exists (select 1 from unnest(value) v where char_length(btrim(v)) = 0 or char_length(v) > max_length)
     and cardinality(value) = (select count(distinct v) from unnest(value) v)
$$;
revoke all on function private.is_text_list(value text[], max_length integer) from public;
grant execute on function private.is_text_list(value text[], max_length integer) to authenticated, service_role;

-- Every covered purpose belongs to the version's workspace, once. The purposes are locked
-- against deletion until the transaction ends (see purposes_keep_notice_references).
create or replace function private.check_notice_purposes(workspace_id uuid, purpose_ids uuid[])
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
revoke all on function private.check_notice_purposes(workspace_id uuid, purpose_ids uuid[]) from public;

create or replace function private.controller_text(base text, texts jsonb, locale text)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(
    texts ->> locale,
    case locale when 'zh-HK' then texts ->> 'zh-TW' when 'zh-TW' then texts ->> 'zh-HK' end,
    base)
$$;
revoke all on function private.controller_text(base text, texts jsonb, locale text) from public;

-- {locale: text}: keys among the notice locales, each value a non-blank string of at most
-- max_length characters. Called by the check constraints as the writing role.
create or replace function private.is_controller_texts(value jsonb, max_length integer)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not exists (
       select 1 from jsonb_each(value) e
       where not e.key = any (private.notice_locales())
          or jsonb_typeof(e.value) <> 'string'
          or char_length(btrim(e.value #>> '{}')) = 0
          or char_length(e.value #>> '{}') > max_length
     )
$$;
revoke all on function private.is_controller_texts(value jsonb, max_length integer) from public;
grant execute on function private.is_controller_texts(value jsonb, max_length integer) to authenticated, service_role;

-- Offered locales: at least one, each supported, each once.
create or replace function private.is_locale_list(value text[])
returns boolean
language sql immutable set search_path = ''
as $$
  select cardinality(value) > 0
     and array_position(value, null) is null
     and value <@ private.notice_locales()
     and cardinality(value) = (select count(distinct v) from unnest(value) v)
$$;
revoke all on function private.is_locale_list(value text[]) from public;
grant execute on function private.is_locale_list(value text[]) to authenticated, service_role;

-- {locale: tiptap doc}. The shape of each doc is lib/experience/rich-text.ts's business (zod);
-- the database only makes sure it is a doc per supported locale and not absurdly large.
create or replace function private.is_notice_content(value jsonb)
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
revoke all on function private.is_notice_content(value jsonb) from public;
grant execute on function private.is_notice_content(value jsonb) to authenticated, service_role;

-- Localized text of a notice: {"en": "...", "zh-CN": "..."}, keys among the notice locales.
create or replace function private.is_notice_text(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select private.is_localized_text(value)
     and not exists (select 1 from jsonb_object_keys(value) k where not k = any (private.notice_locales()))
$$;
revoke all on function private.is_notice_text(value jsonb) from public;
grant execute on function private.is_notice_text(value jsonb) to authenticated, service_role;

-- {purposeId: localized text}: the separate statement each separate-consent purpose needs.
create or replace function private.is_purpose_statements(value jsonb)
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
revoke all on function private.is_purpose_statements(value jsonb) from public;
grant execute on function private.is_purpose_statements(value jsonb) to authenticated, service_role;

-- Languages a notice may be written in: SUPPORTED_CONTENT_LOCALES of lib/experience/localized.ts.
create or replace function private.notice_locales()
returns text[]
language sql immutable set search_path = ''
as $$ select array['en', 'zh-CN', 'zh-TW', 'zh-HK', 'ja', 'ko', 'fr', 'de', 'es']::text[] $$;
revoke all on function private.notice_locales() from public;
grant execute on function private.notice_locales() to authenticated, service_role;

-- As in 20261123200000_notices.sql, but the controller's name and contact are looked up per language.
create or replace function private.notice_version_problems_of(version_id uuid)
returns table (code text, purpose_key text, locale text)
language sql stable security definer set search_path = ''
as $$
  with version as (
    select v.*, n.locales as offered, 'CN' = any (v.jurisdictions) as cn, 'EU' = any (v.jurisdictions) as eu
    from public.notice_versions v join public.notices n on n.id = v.notice_id
    where v.id = notice_version_problems_of.version_id
  ),
  locale as (
    select l.locale, l.ord, private.squashed(private.rich_text_plain(version.content -> l.locale)) as text,
           btrim(coalesce(version.rights_statement ->> l.locale, '')) as rights,
           private.squashed(private.controller_text(w.legal_entity_name, w.legal_entity_names, l.locale)) as entity,
           private.squashed(private.controller_text(w.contact_address, w.contact_addresses, l.locale)) as contact
    from version
    join public.workspaces w on w.id = version.workspace_id
    cross join unnest(version.offered) with ordinality l(locale, ord)
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
    from version, locale
    where (version.cn or version.eu) and locale.text <> '' and position(locale.entity in locale.text) = 0
    union all
    select 'contact_missing', null, locale.locale, 0, locale.ord
    from version, locale
    where (version.cn or version.eu) and locale.text <> '' and position(locale.contact in locale.text) = 0
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
revoke all on function private.notice_version_problems_of(version_id uuid) from public;

-- The text a reader sees in a tiptap doc, for completeness checks: every text node, in order.
-- (`strict` keeps `**` from visiting array members twice, as `lax` would.)
create or replace function private.rich_text_plain(doc jsonb)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(string_agg(t.value #>> '{}', '' order by t.ordinality), '')
  from jsonb_array_elements(jsonb_path_query_array(coalesce(doc, '{}'::jsonb), 'strict $.**.text')) with ordinality t
$$;
revoke all on function private.rich_text_plain(doc jsonb) from public;

-- Text compared for "does the notice name X": case and whitespace (line breaks included) ignored.
create or replace function private.squashed(value text)
returns text
language sql immutable set search_path = ''
as $$ select lower(regexp_replace(coalesce(value, ''), '\s+', '', 'g')) $$;
revoke all on function private.squashed(value text) from public;

-- What follows from the nature of each standard purpose. Data categories, retention and
-- recipients are the controller's own facts: left for legal to state, and reported by
-- notice_version_problems for CN notices until they do.
create or replace function private.standard_purpose_legal()
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
revoke all on function private.standard_purpose_legal() from public;

create or replace function public.notice_version_problems(version_id uuid)
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
revoke all on function public.notice_version_problems(version_id uuid) from public, anon, authenticated, service_role;
grant execute on function public.notice_version_problems(version_id uuid) to authenticated, service_role;
