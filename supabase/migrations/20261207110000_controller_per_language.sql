-- The data controller per language (issue 12, item 7). A workspace had one legal name and one
-- privacy contact, and the notice completeness check wanted that (English) name verbatim inside
-- the Chinese text: a Chinese notice naming 艾克米茶（上海）有限公司 failed, one pasting "Acme Tea
-- (Shanghai) Co., Ltd." into Chinese passed. Now a workspace also names itself per language:
--
--  * public.workspaces.legal_entity_names / contact_addresses: {locale: text}, keys among the
--    notice locales. Owners and admins change them like the other controller columns (same RLS,
--    column grants), and the workspace's audit trigger records them like any column;
--  * private.controller_text(base, texts, locale): the name (or contact) a text in `locale` must
--    give: that language's own, else for zh-HK the zh-TW one and back (same script), else the
--    workspace's main one. lib/tenancy/controller.ts mirrors it for the console's messages;
--  * private.notice_version_problems_of checks each language's text against its own controller
--    name and contact. Everything else in it is unchanged.

-- {locale: text}: keys among the notice locales, each value a non-blank string of at most
-- max_length characters. Called by the check constraints as the writing role.
create function private.is_controller_texts(value jsonb, max_length integer)
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
revoke execute on function private.is_controller_texts(jsonb, integer) from public;
grant execute on function private.is_controller_texts(jsonb, integer) to authenticated, service_role;

alter table public.workspaces
  add column legal_entity_names jsonb not null default '{}'::jsonb
    constraint workspaces_legal_entity_names_check check (private.is_controller_texts(legal_entity_names, 200)),
  add column contact_addresses jsonb not null default '{}'::jsonb
    constraint workspaces_contact_addresses_check check (private.is_controller_texts(contact_addresses, 500));

grant update (legal_entity_names, contact_addresses) on public.workspaces to authenticated;

create function private.controller_text(base text, texts jsonb, locale text)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(
    texts ->> locale,
    case locale when 'zh-HK' then texts ->> 'zh-TW' when 'zh-TW' then texts ->> 'zh-HK' end,
    base)
$$;
revoke execute on function private.controller_text(text, jsonb, text) from public, anon, authenticated;

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
