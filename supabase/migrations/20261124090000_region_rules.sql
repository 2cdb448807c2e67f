-- Regions as rule sets a workspace can adjust (regulations.md, "A region is a rule set").
--
-- The built-in presets (mainland China, EU, California, Hong Kong, a default) live in code
-- (lib/regions/presets.ts); a workspace stores only its adjustments, one row per region, holding
-- the fields it changed. Owners and admins adjust; every member reads; each change is audited
-- (region_rule_set.created / updated / deleted = reset to the preset). Where the law sets a
-- clear floor, no adjustment may go below it: checked in lib/regions for a clear message, and
-- here again so that no other client can store one.
--
-- The workspace default region is the last step of visitor resolution (explicit parameter →
-- geo header → Accept-Language → workspace default). public.live_region_rules gives hosted pages
-- and the embed (role anon) a live experience's adjustments and default region, nothing more.

create table public.region_rule_sets (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  region_code text not null check (region_code in ('CN', 'EU', 'US-CA', 'HK', 'DEFAULT')),
  -- Only the adjustable fields; the shape of each is checked by lib/regions (zod).
  rules jsonb not null check (
    jsonb_typeof(rules) = 'object'
    and (rules - '{consentModel,rejectOnFirstLayer,noPreTicked,separateConsent,gpc,ageOfConsent,defaultLocale,offeredLocales,reaskAfterDays,countries}'::text[]) = '{}'::jsonb
  ),
  updated_by uuid not null references public.profiles (id),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, region_code)
);
create index region_rule_sets_updated_by_idx on public.region_rule_sets (updated_by);

alter table public.workspaces
  add column default_region text not null default 'DEFAULT' check (default_region in ('CN', 'EU', 'US-CA', 'HK', 'DEFAULT'));

-- The law's floor per region, the same list as lib/regions/floors.ts: mainland China (PIPL art.
-- 14, 23–31; GB/T 42574) and the EU (GDPR Recital 32, Art. 8, 9; EDPB 2023) keep opt-in, no
-- pre-ticked boxes, reject on the first layer and separate consent, and an age of consent no lower
-- than PIPL's 14 / GDPR's 13; California keeps honouring Global Privacy Control (11 CCR 7025) and
-- an age no lower than 13 (Civ. Code 1798.120(c)).
create function private.region_rules_below_floor(region_code text, rules jsonb)
returns boolean
language sql immutable set search_path = ''
as $$
  select case
    when region_code in ('CN', 'EU') then
      coalesce(rules ->> 'consentModel', 'opt_in') <> 'opt_in'
      or coalesce(rules ->> 'noPreTicked', 'true') <> 'true'
      or coalesce(rules ->> 'rejectOnFirstLayer', 'true') <> 'true'
      or coalesce(rules ->> 'separateConsent', 'true') <> 'true'
      or (jsonb_typeof(rules -> 'ageOfConsent') = 'number'
          and (rules ->> 'ageOfConsent')::numeric < case region_code when 'CN' then 14 else 13 end)
    when region_code = 'US-CA' then
      coalesce(rules ->> 'gpc', 'opt_out_sale_sharing') <> 'opt_out_sale_sharing'
      or (jsonb_typeof(rules -> 'ageOfConsent') = 'number' and (rules ->> 'ageOfConsent')::numeric < 13)
    else false
  end
$$;

create function private.check_region_rule_floor()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if private.region_rules_below_floor(new.region_code, new.rules) then
    raise exception 'consentry.region_rule_below_floor'
      using errcode = 'P0001', detail = new.region_code;
  end if;
  return new;
end
$$;

create trigger region_rule_sets_floor before insert or update on public.region_rule_sets
  for each row execute function private.check_region_rule_floor();
create trigger region_rule_sets_touch before update on public.region_rule_sets
  for each row execute function private.touch_updated_at();
create trigger region_rule_sets_audit after insert or update or delete on public.region_rule_sets
  for each row execute function private.audit_row_change('region_rule_set', 'workspace_id', 'region_code');

alter table public.region_rule_sets enable row level security;
revoke all on public.region_rule_sets from anon, authenticated;
grant select, insert, delete on public.region_rule_sets to authenticated;
grant update (rules, updated_by) on public.region_rule_sets to authenticated;
grant update (default_region) on public.workspaces to authenticated;

create policy "region rule sets: members read" on public.region_rule_sets
  for select to authenticated
  using (workspace_id in (select private.my_workspace_ids()));
create policy "region rule sets: owners and admins adjust" on public.region_rule_sets
  for insert to authenticated
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and updated_by = (select auth.uid()));
create policy "region rule sets: owners and admins change" on public.region_rule_sets
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')))
  with check (workspace_id in (select private.my_workspace_ids('{owner,admin}')) and updated_by = (select auth.uid()));
create policy "region rule sets: owners and admins reset" on public.region_rule_sets
  for delete to authenticated
  using (workspace_id in (select private.my_workspace_ids('{owner,admin}')));

-- What a hosted page or the embed needs to apply a live experience's regions: the workspace's
-- adjustments by region and its default region. NULL for an unknown or unpublished experience.
create function public.live_region_rules(public_id text)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'overrides', coalesce((select jsonb_object_agg(r.region_code, r.rules) from public.region_rule_sets r where r.workspace_id = e.workspace_id), '{}'::jsonb),
    'defaultRegion', w.default_region)
  from public.experiences e
  join public.workspaces w on w.id = e.workspace_id
  where e.public_id = live_region_rules.public_id and e.live_version_id is not null
$$;

revoke execute on function private.region_rules_below_floor(text, jsonb) from public, anon, authenticated;
revoke execute on function private.check_region_rule_floor() from public, anon, authenticated;
revoke execute on function public.live_region_rules(text) from public;
grant execute on function public.live_region_rules(text) to anon, authenticated;
