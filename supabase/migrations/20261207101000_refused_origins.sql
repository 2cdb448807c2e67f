-- Issue 12 (the first hour), item 13: an embed on a site that is not yet allowed no longer fails
-- silently. When the API refuses a website's origin for an experience it notes it here, so the
-- console's publishing page can list the recently refused origins with a one-click "Allow"
-- (which changes the experience's allowed origins like the form does, audited by its trigger).
--
-- Bounded: at most 20 origins per experience, the most recently refused; a refusal of a known
-- origin only moves its time and count. Members read; nobody writes but the API service, through
-- private.note_refused_origin (the HTTP layer also throttles it per origin in memory). This is
-- operational data, not evidence: rows beyond the bound are deleted.

-- Recency is a sequence number, not a time: two refusals in one clock tick still have an order.
create sequence public.refused_origins_recency_seq;
revoke all on sequence public.refused_origins_recency_seq from public, anon, authenticated, service_role;

create table public.refused_origins (
  experience_id uuid not null references public.experiences (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  origin text not null check (char_length(origin) between 8 and 300 and origin ~ '^https?://[^/?#[:space:]]+$'),
  first_refused_at timestamptz not null default now(),
  last_refused_at timestamptz not null default now(),
  refusals bigint not null default 1 check (refusals > 0),
  recency bigint not null default nextval('public.refused_origins_recency_seq'),
  primary key (experience_id, origin)
);
create index refused_origins_workspace_idx on public.refused_origins (workspace_id);
create index refused_origins_recent_idx on public.refused_origins (experience_id, recency desc);

create function private.note_refused_origin(public_id text, origin text)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  experience public.experiences;
begin
  if origin is null or char_length(origin) not between 8 and 300 or origin !~ '^https?://[^/?#[:space:]]+$' then
    return;
  end if;
  select * into experience from public.experiences e where e.public_id = note_refused_origin.public_id;
  if not found or origin = any (experience.allowed_origins) then
    return;
  end if;
  insert into public.refused_origins as r (experience_id, workspace_id, origin)
  values (experience.id, experience.workspace_id, note_refused_origin.origin)
  on conflict on constraint refused_origins_pkey do update set last_refused_at = now(), refusals = r.refusals + 1, recency = nextval('public.refused_origins_recency_seq');
  delete from public.refused_origins r
  where r.experience_id = experience.id
    and r.origin not in (select k.origin from public.refused_origins k where k.experience_id = experience.id
                         order by k.recency desc limit 20);
end
$$;

revoke execute on function private.note_refused_origin(text, text) from public, anon, authenticated;
grant execute on function private.note_refused_origin(text, text) to service_role;

alter table public.refused_origins enable row level security;
revoke all on public.refused_origins from public, anon, authenticated, service_role;
grant select on public.refused_origins to authenticated;
create policy "refused origins: members read" on public.refused_origins
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
