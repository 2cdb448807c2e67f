-- public.region_rule_sets: definition, indexes, row-level security, privileges, policies and triggers.

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

alter table public.region_rule_sets enable row level security;

revoke all on table public.region_rule_sets from anon, authenticated, service_role;
grant all on table public.region_rule_sets to service_role;
grant select,insert,delete on table public.region_rule_sets to authenticated;
grant update (rules, updated_by) on table public.region_rule_sets to authenticated;

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

create trigger region_rule_sets_audit after insert or update or delete on public.region_rule_sets
  for each row execute function private.audit_row_change('region_rule_set', 'workspace_id', 'region_code');

create trigger region_rule_sets_floor before insert or update on public.region_rule_sets
  for each row execute function private.check_region_rule_floor();

create trigger region_rule_sets_touch before update on public.region_rule_sets
  for each row execute function private.touch_updated_at();
