-- The catalog experiences bind to (purposes, topics; channels are a fixed list), experiences
-- with their draft document, and expiring preview links. Legal fields of purposes come with the
-- notices migration. Drafts are not proof: published versions (a later migration) are.

create type public.contact_channel as enum ('sms', 'email', 'phone', 'wechat', 'push');
create type public.experience_kind as enum ('banner', 'popup', 'preference_page');

-- A localized text as stored: {"en": "...", "zh-CN": "..."}; non-empty object of strings.
create function private.is_localized_text(value jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not exists (select 1 from jsonb_each(value) e where jsonb_typeof(e.value) <> 'string' or length(e.value #>> '{}') > 2000)
$$;

create table public.purposes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name jsonb not null check (private.is_localized_text(name) and name <> '{}'::jsonb),
  description jsonb not null default '{}'::jsonb check (private.is_localized_text(description)),
  -- Strictly necessary for the service: the only purposes an experience may make non-optional.
  necessary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, key)
);
create index purposes_workspace_id_idx on public.purposes (workspace_id);

create table public.topics (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name jsonb not null check (private.is_localized_text(name) and name <> '{}'::jsonb),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, key)
);
create index topics_workspace_id_idx on public.topics (workspace_id);

create table public.experiences (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  kind public.experience_kind not null,
  -- The draft experience document (lib/experience); validated leniently by the server.
  document jsonb not null check (jsonb_typeof(document) = 'object'),
  -- Optimistic concurrency: a save names the revision it started from; a stale one is refused,
  -- so the same draft open twice never overwrites silently.
  revision integer not null default 1 check (revision > 0),
  created_by uuid not null references public.profiles (id),
  updated_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index experiences_workspace_id_idx on public.experiences (workspace_id, updated_at desc);

-- A link that shows a draft full-screen to anyone holding it, until it expires.
create table public.experience_preview_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  experience_id uuid not null references public.experiences (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null check (expires_at <= created_at + interval '30 days'),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now()
);
create index experience_preview_links_experience_idx on public.experience_preview_links (experience_id);

create trigger purposes_touch before update on public.purposes for each row execute function private.touch_updated_at();
create trigger topics_touch before update on public.topics for each row execute function private.touch_updated_at();
create trigger experiences_touch before update on public.experiences for each row execute function private.touch_updated_at();

-- Each save bumps the revision; the caller never sets it.
create function private.bump_experience_revision()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.revision := old.revision + 1;
  new.updated_by := (select auth.uid());
  return new;
end
$$;
create trigger experiences_bump_revision before update on public.experiences
  for each row execute function private.bump_experience_revision();

-- Audit: catalog changes in full; experiences by name, kind and revision (a draft document is
-- saved every few seconds and is not proof; published snapshots will be).
create trigger purposes_audit after insert or update or delete on public.purposes
  for each row execute function private.audit_row_change('purpose', 'workspace_id', 'id');
create trigger topics_audit after insert or update or delete on public.topics
  for each row execute function private.audit_row_change('topic', 'workspace_id', 'id');
create trigger experiences_audit after insert or update or delete on public.experiences
  for each row execute function private.audit_row_change('experience', 'workspace_id', 'id', 'document', 'updated_by');
create trigger experience_preview_links_audit after insert or update or delete on public.experience_preview_links
  for each row execute function private.audit_row_change('preview_link', 'workspace_id', 'id', 'token_hash');

-- Every new workspace starts with the standard catalog, so templates bind at once.
create function private.seed_default_catalog()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.purposes (workspace_id, key, necessary, name, description) values
    (new.id, 'necessary', true, '{"en":"Strictly necessary","zh-CN":"必要功能","zh-TW":"必要功能"}',
      '{"en":"Needed for the service to work. Always on.","zh-CN":"服务正常运行所必需，始终开启。","zh-TW":"服務正常運作所必需，始終開啟。"}'),
    (new.id, 'analytics', false, '{"en":"Analytics","zh-CN":"统计分析","zh-TW":"統計分析"}',
      '{"en":"Measure how the service is used to improve it.","zh-CN":"统计服务的使用情况，以便改进。","zh-TW":"統計服務的使用情況，以便改進。"}'),
    (new.id, 'advertising', false, '{"en":"Advertising","zh-CN":"广告","zh-TW":"廣告"}',
      '{"en":"Show and measure ads, including on other sites.","zh-CN":"展示和衡量广告，包括在其他网站上。","zh-TW":"展示和衡量廣告，包括在其他網站上。"}'),
    (new.id, 'personalisation', false, '{"en":"Personalisation","zh-CN":"个性化推荐","zh-TW":"個人化推薦"}',
      '{"en":"Tailor content and offers to you.","zh-CN":"根据您的偏好推荐内容和优惠。","zh-TW":"根據您的偏好推薦內容和優惠。"}'),
    (new.id, 'marketing', false, '{"en":"Marketing messages","zh-CN":"营销信息","zh-TW":"行銷訊息"}',
      '{"en":"News and offers by the channels you choose.","zh-CN":"通过您选择的渠道发送资讯和优惠。","zh-TW":"透過您選擇的管道傳送資訊和優惠。"}'),
    (new.id, 'sensitive_data', false, '{"en":"Sensitive personal information","zh-CN":"敏感个人信息","zh-TW":"敏感個人資料"}',
      '{"en":"Processing of sensitive information such as precise location.","zh-CN":"处理精确位置等敏感个人信息。","zh-TW":"處理精確位置等敏感個人資料。"}'),
    (new.id, 'cross_border_transfer', false, '{"en":"Transfer abroad","zh-CN":"向境外提供","zh-TW":"向境外提供"}',
      '{"en":"Sending personal information to a recipient outside the country.","zh-CN":"向境外接收方提供个人信息。","zh-TW":"向境外接收方提供個人資料。"}'),
    (new.id, 'third_party_sharing', false, '{"en":"Sharing with other companies","zh-CN":"向其他个人信息处理者提供","zh-TW":"向其他資料使用者提供"}',
      '{"en":"Giving personal information to another company for its own use.","zh-CN":"向其他个人信息处理者提供您的个人信息。","zh-TW":"向其他資料使用者提供您的個人資料。"}');
  insert into public.topics (workspace_id, key, name) values
    (new.id, 'offers', '{"en":"Offers and promotions","zh-CN":"优惠与促销","zh-TW":"優惠與促銷"}'),
    (new.id, 'product_news', '{"en":"Product news","zh-CN":"产品资讯","zh-TW":"產品資訊"}'),
    (new.id, 'events', '{"en":"Events","zh-CN":"活动","zh-TW":"活動"}');
  return null;
end
$$;
create trigger workspaces_seed_catalog after insert on public.workspaces
  for each row execute function private.seed_default_catalog();

-- Reads a draft through a preview link: for anyone holding the token, until it expires.
create function public.preview_experience(token text)
returns table (name text, kind public.experience_kind, document jsonb, revision integer, expires_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select e.name, e.kind, e.document, e.revision, l.expires_at
  from public.experience_preview_links l
  join public.experiences e on e.id = l.experience_id
  where l.token_hash = encode(sha256(convert_to(preview_experience.token, 'UTF8')), 'hex')
    and l.expires_at > now()
$$;

revoke execute on function private.is_localized_text(jsonb) from public;
grant execute on function private.is_localized_text(jsonb) to authenticated, service_role;
revoke execute on function private.bump_experience_revision() from public, anon, authenticated;
revoke execute on function private.seed_default_catalog() from public, anon, authenticated;
revoke execute on function public.preview_experience(text) from public;
grant execute on function public.preview_experience(text) to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row-level security: members read; the catalog is kept by owners, admins and legal (purposes)
-- or editors too (topics); experiences are designed by editors, admins and owners.

alter table public.purposes enable row level security;
alter table public.topics enable row level security;
alter table public.experiences enable row level security;
alter table public.experience_preview_links enable row level security;

revoke all on public.purposes, public.topics, public.experiences, public.experience_preview_links from anon, authenticated;
grant select, insert, delete on public.purposes to authenticated;
grant update (name, description, necessary) on public.purposes to authenticated;
grant select, insert, delete on public.topics to authenticated;
grant update (name) on public.topics to authenticated;
grant select, insert, delete on public.experiences to authenticated;
grant update (name, kind, document) on public.experiences to authenticated;
grant select, delete on public.experience_preview_links to authenticated;
-- Not created_at: the 30-day limit on expires_at is counted from it, so it must be the real now().
grant insert (workspace_id, experience_id, token_hash, expires_at, created_by) on public.experience_preview_links to authenticated;

create policy "purposes: members read" on public.purposes
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "purposes: owners, admins and legal add" on public.purposes
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));
create policy "purposes: owners, admins and legal change" on public.purposes
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,legal}')));
create policy "purposes: owners and admins remove" on public.purposes
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "topics: members read" on public.topics
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "topics: editors and up add" on public.topics
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));
create policy "topics: editors and up change" on public.topics
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));
create policy "topics: owners and admins remove" on public.topics
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

create policy "experiences: members read" on public.experiences
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "experiences: editors and up create" on public.experiences
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}'))
              and created_by = (select auth.uid()) and updated_by = (select auth.uid()));
create policy "experiences: editors and up save drafts" on public.experiences
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));
create policy "experiences: editors and up delete" on public.experiences
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));

create policy "preview links: members read" on public.experience_preview_links
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "preview links: editors and up create" on public.experience_preview_links
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}'))
              and created_by = (select auth.uid())
              and experience_id in (select e.id from public.experiences e where e.workspace_id = experience_preview_links.workspace_id));
create policy "preview links: editors and up revoke" on public.experience_preview_links
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids('{owner,admin,editor}')));
