-- Request counters of the public API (/api/v1), in the database because instances are
-- stateless: any number of them behind a load balancer count together. Fixed windows per
-- (route, caller): the caller is an API key id, or an experience's public key with the
-- caller's truncated network address, or that address alone on anonymous routes.
-- Only the service role touches these tables, through private.api_rate_limit_hit.

create table private.api_rate_limits (
  bucket text not null check (length(bucket) between 1 and 300),
  window_start timestamptz not null,
  hits integer not null default 1 check (hits > 0),
  primary key (bucket, window_start)
);

-- Per-caller limits other than the route's default (a large customer, the benchmark's key).
create table private.api_rate_limit_overrides (
  subject text primary key check (length(subject) between 1 and 200),
  max_hits integer not null check (max_hits > 0),
  note text
);

-- Counts one request of `subject` on `route` in the current window of `window_seconds` and
-- returns the count, the limit that applies and the seconds until the window ends. The
-- statement is one INSERT … ON CONFLICT DO UPDATE, so concurrent requests never lose a count.
create function private.api_rate_limit_hit(route text, subject text, window_seconds integer, default_max integer)
returns table (hits integer, max_hits integer, retry_after integer)
language plpgsql security definer set search_path = ''
as $$
declare
  started timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
  key text := api_rate_limit_hit.route || '|' || api_rate_limit_hit.subject;
  counted integer;
  inserted boolean;
  allowed integer;
begin
  insert into private.api_rate_limits as r (bucket, window_start, hits) values (key, started, 1)
  on conflict (bucket, window_start) do update set hits = r.hits + 1
  returning r.hits, (r.xmax = 0) into counted, inserted;
  if inserted then
    -- A new window for this bucket: the earlier ones are no longer needed.
    delete from private.api_rate_limits r where r.bucket = key and r.window_start < started;
  end if;
  select o.max_hits into allowed from private.api_rate_limit_overrides o where o.subject = api_rate_limit_hit.subject;
  return query select counted, coalesce(allowed, default_max),
    greatest(1, ceil(extract(epoch from (started + make_interval(secs => window_seconds) - now()))))::integer;
end
$$;

alter table private.api_rate_limits enable row level security;
alter table private.api_rate_limit_overrides enable row level security;
revoke all on private.api_rate_limits, private.api_rate_limit_overrides from public, anon, authenticated, service_role;
revoke execute on function private.api_rate_limit_hit(text, text, integer, integer) from public, anon, authenticated;
grant execute on function private.api_rate_limit_hit(text, text, integer, integer) to service_role;

-- Browser calls of the API carry an experience's public key and come from an Origin that the
-- experience allows. These two lookups let the API's gate (running as the service role, which
-- holds no grant on experiences) check both without reading anything else.
create index experiences_allowed_origins_idx on public.experiences using gin (allowed_origins);

create function private.api_experience_by_public_key(public_key text)
returns table (workspace_id uuid, experience_id uuid, public_id text, live_version_id uuid, allowed_origins text[])
language sql stable security definer set search_path = ''
as $$
  select e.workspace_id, e.id, e.public_id, e.live_version_id, e.allowed_origins
  from public.experiences e where e.public_key = api_experience_by_public_key.public_key
$$;

-- For CORS preflights, which carry no key: is `origin` allowed by any live experience?
create function private.api_origin_is_allowed(origin text)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.experiences e
    where e.allowed_origins @> array[api_origin_is_allowed.origin] and e.live_version_id is not null
  )
$$;

revoke execute on function private.api_experience_by_public_key(text) from public, anon, authenticated;
revoke execute on function private.api_origin_is_allowed(text) from public, anon, authenticated;
grant execute on function private.api_experience_by_public_key(text) to service_role;
grant execute on function private.api_origin_is_allowed(text) to service_role;
