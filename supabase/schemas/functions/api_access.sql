-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.api_experience_by_public_key(public_key text)
returns table (workspace_id uuid, experience_id uuid, public_id text, live_version_id uuid, allowed_origins text[])
language sql stable security definer set search_path = ''
as $$
  select e.workspace_id, e.id, e.public_id, e.live_version_id, e.allowed_origins
  from public.experiences e where e.public_key = api_experience_by_public_key.public_key
$$;
revoke all on function private.api_experience_by_public_key(public_key text) from public;
grant execute on function private.api_experience_by_public_key(public_key text) to service_role;

-- For CORS preflights, which carry no key: is `origin` allowed by any live experience?
create or replace function private.api_origin_is_allowed(origin text)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.experiences e
    where e.allowed_origins @> array[api_origin_is_allowed.origin] and e.live_version_id is not null
  )
$$;
revoke all on function private.api_origin_is_allowed(origin text) from public;
grant execute on function private.api_origin_is_allowed(origin text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Rate-limit counters in batches. Each instance of the app counts its requests in memory and
-- adds them here every few tens of milliseconds (lib/api/rate-limit.ts): one statement for
-- every bucket that saw requests, instead of one transaction per request. `hits` is
-- [{route, subject, windowStart (epoch seconds), windowSeconds, hits, defaultMax}]; returns each
-- bucket's total in its window (every instance's hits) and the limit that applies.
create or replace function private.api_rate_limit_add(hits jsonb)
returns table (route text, subject text, window_start bigint, hits_total integer, max_hits integer)
language plpgsql security definer set search_path = ''
as $$
#variable_conflict use_column
begin
  if jsonb_typeof(hits) is distinct from 'array' or jsonb_array_length(hits) > 10000 then
    raise exception 'consentry.invalid_input' using errcode = 'P0001', detail = 'hits';
  end if;
  return query
  with batch as (
    select h.route, left(h.subject, 200) as subject, h.route || '|' || left(h.subject, 200) as bucket,
      to_timestamp(h."windowStart") as started, h.hits as added, h."defaultMax" as default_max
    from jsonb_to_recordset(hits) as h(route text, subject text, "windowStart" bigint, "windowSeconds" integer, hits integer,
      "defaultMax" integer)
    where h.hits > 0 and h.route is not null and h.subject is not null and h."windowStart" is not null
  ), counted as (
    insert into private.api_rate_limits as r (bucket, window_start, hits)
    select b.bucket, b.started, sum(b.added)::integer from batch b group by b.bucket, b.started
    on conflict (bucket, window_start) do update set hits = r.hits + excluded.hits
    returning r.bucket, r.window_start, r.hits
  ), expired as (
    -- Earlier windows of these buckets are no longer needed.
    delete from private.api_rate_limits r using batch b where r.bucket = b.bucket and r.window_start < b.started
  )
  select b.route, b.subject, extract(epoch from b.started)::bigint, c.hits,
    coalesce((select o.max_hits from private.api_rate_limit_overrides o where o.subject = b.subject), b.default_max)
  from batch b join counted c on c.bucket = b.bucket and c.window_start = b.started;
end
$$;
revoke all on function private.api_rate_limit_add(hits jsonb) from public;
grant execute on function private.api_rate_limit_add(hits jsonb) to service_role;

-- Counts one request of `subject` on `route` in the current window of `window_seconds` and
-- returns the count, the limit that applies and the seconds until the window ends. The
-- statement is one INSERT … ON CONFLICT DO UPDATE, so concurrent requests never lose a count.
create or replace function private.api_rate_limit_hit(route text, subject text, window_seconds integer, default_max integer)
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
revoke all on function private.api_rate_limit_hit(route text, subject text, window_seconds integer, default_max integer) from public;
grant execute on function private.api_rate_limit_hit(route text, subject text, window_seconds integer, default_max integer) to service_role;

create or replace function private.note_refused_origin(public_id text, origin text)
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
revoke all on function private.note_refused_origin(public_id text, origin text) from public;
grant execute on function private.note_refused_origin(public_id text, origin text) to service_role;
