-- Hong Kong gets a floor (issue 17, item 5), the same as lib/regions/floors.ts: PDPO Part 6A
-- (s35C, s35E) allows personal data to be used in direct marketing only after the subject
-- consents, and an indication of no objection counts only when the subject gives it — silence
-- and a box ticked in advance are not consent. A rule set has one consent model for every
-- optional purpose, direct marketing among them, so HK keeps opt-in and nothing pre-ticked.
-- Until now an owner or admin could turn both off for HK; no client can store that any more.
--
-- California keeps reject on the first layer (issue 17, item 4): 11 CCR 7004(a)(2), symmetry in
-- choice — saying no takes no more steps than saying yes. (Equal prominence of accept and reject
-- is checked at publish in every region, whatever this flag says: lib/experience/publish.)

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
revoke execute on function private.region_rules_below_floor(text, jsonb) from public, anon, authenticated;

-- Existing adjustments below the new floors go back to the preset for those fields (audited as
-- region_rule_set.updated / .deleted with the migrating role as actor); the others stay.
update public.region_rule_sets r
set rules = r.rules - '{consentModel,noPreTicked}'::text[]
where r.region_code = 'HK'
  and (coalesce(r.rules ->> 'consentModel', 'opt_in') <> 'opt_in' or coalesce(r.rules ->> 'noPreTicked', 'true') <> 'true');
update public.region_rule_sets r
set rules = r.rules - 'rejectOnFirstLayer'
where r.region_code = 'US-CA' and coalesce(r.rules ->> 'rejectOnFirstLayer', 'true') <> 'true';
delete from public.region_rule_sets r where r.region_code in ('HK', 'US-CA') and r.rules = '{}'::jsonb;
