-- Bodies are checked when called, not when created: they name tables created later (supabase/config.toml).
set check_function_bodies = off;

create or replace function private.check_region_rule_floor()
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
revoke all on function private.check_region_rule_floor() from public;

create or replace function private.region_rules_below_floor(region_code text, rules jsonb)
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
    when region_code = 'HK' then
      coalesce(rules ->> 'consentModel', 'opt_in') <> 'opt_in'
      or coalesce(rules ->> 'noPreTicked', 'true') <> 'true'
    when region_code = 'US-CA' then
      coalesce(rules ->> 'gpc', 'opt_out_sale_sharing') <> 'opt_out_sale_sharing'
      or coalesce(rules ->> 'rejectOnFirstLayer', 'true') <> 'true'
      or (jsonb_typeof(rules -> 'ageOfConsent') = 'number' and (rules ->> 'ageOfConsent')::numeric < 13)
    else false
  end
$$;
revoke all on function private.region_rules_below_floor(region_code text, rules jsonb) from public;
