-- public.refused_origins: definition, indexes, row-level security, privileges, policies and triggers.

-- Recency is a sequence number, not a time: two refusals in one clock tick still have an order.
create sequence public.refused_origins_recency_seq;

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

create index refused_origins_recent_idx on public.refused_origins (experience_id, recency desc);

create index refused_origins_workspace_idx on public.refused_origins (workspace_id);

alter table public.refused_origins enable row level security;

revoke all on table public.refused_origins from anon, authenticated, service_role;
revoke all on sequence public.refused_origins_recency_seq from anon, authenticated, service_role;
grant select on table public.refused_origins to authenticated;

create policy "refused origins: members read" on public.refused_origins
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
