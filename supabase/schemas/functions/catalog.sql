-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

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
revoke all on function private.seed_default_catalog() from public;
