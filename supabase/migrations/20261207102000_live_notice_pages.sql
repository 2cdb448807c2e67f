-- Issue 12 (the first hour), item 5: templates link to pages that exist. A live experience's
-- privacy-policy link without an address of its own leads to the approved notice's public page
-- (/p/{publicId}/notices/{noticeId}), which needs the notice's name and version number; anon reads
-- them, and only them, for the notice versions the live version pins.

create function public.live_notice_names(public_id text)
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

revoke execute on function public.live_notice_names(text) from public;
grant execute on function public.live_notice_names(text) to anon, authenticated;
