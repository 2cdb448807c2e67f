import { z } from "zod";
import type { RuleSetOverrides } from "./effective";
import { floorProblems, type FloorField } from "./floors";
import { REGION_PRESETS } from "./presets";
import { ruleSetSchema, type RegionCode, type RuleSet } from "./rule-set";

/**
 * What a workspace may adjust in a region's rule set: everything but the code. Stored as the
 * fields that differ from the preset, so a later change to a preset reaches every workspace that
 * did not adjust that field.
 */
export const ADJUSTABLE_FIELDS = [
  "consentModel",
  "rejectOnFirstLayer",
  "noPreTicked",
  "separateConsent",
  "gpc",
  "ageOfConsent",
  "defaultLocale",
  "offeredLocales",
  "reaskAfterDays",
  "countries",
] as const satisfies readonly (keyof RuleSet)[];
export type AdjustableField = (typeof ADJUSTABLE_FIELDS)[number];

export const ruleSetAdjustmentSchema = ruleSetSchema.omit({ code: true }).partial();
export type RuleSetAdjustment = z.infer<typeof ruleSetAdjustmentSchema>;

/** Why an adjustment is refused, field by field: the console marks each field. */
export type AdjustmentProblem =
  | { code: "invalid_input"; field: AdjustableField | "form" }
  | { code: "region_rule_below_floor"; field: FloorField }
  | { code: "region_locale_not_offered"; field: "defaultLocale" }
  | { code: "region_country_taken"; field: "countries"; country: string; region: RegionCode };

export type AdjustmentCheck = { ok: true; ruleSet: RuleSet; stored: RuleSetAdjustment } | { ok: false; problems: AdjustmentProblem[] };

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a region's adjustment (fields left out keep the preset) against the schema, the law's
 * floor, itself (the default language must be offered, each language once) and the other regions
 * (a country belongs to one region at most). On success: the resulting rule set and what to store.
 */
export function checkAdjustment(code: RegionCode, adjustment: unknown, others: readonly RuleSet[]): AdjustmentCheck {
  const parsed = ruleSetAdjustmentSchema.safeParse(adjustment);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "form")));
    return { ok: false, problems: [...fields].map((field) => ({ code: "invalid_input", field: field as AdjustableField | "form" })) };
  }
  const ruleSet: RuleSet = { ...REGION_PRESETS[code], ...parsed.data, code };
  const problems: AdjustmentProblem[] = floorProblems(ruleSet).map((field) => ({ code: "region_rule_below_floor", field }));
  if (new Set(ruleSet.offeredLocales).size !== ruleSet.offeredLocales.length) problems.push({ code: "invalid_input", field: "offeredLocales" });
  if (!ruleSet.offeredLocales.includes(ruleSet.defaultLocale)) problems.push({ code: "region_locale_not_offered", field: "defaultLocale" });
  if (new Set(ruleSet.countries).size !== ruleSet.countries.length) problems.push({ code: "invalid_input", field: "countries" });
  for (const country of ruleSet.countries) {
    const owner = others.find((other) => other.code !== code && other.countries.includes(country));
    if (owner) problems.push({ code: "region_country_taken", field: "countries", country, region: owner.code });
  }
  if (problems.length > 0) return { ok: false, problems };
  const preset = REGION_PRESETS[code];
  const stored = Object.fromEntries(ADJUSTABLE_FIELDS.filter((field) => !sameValue(ruleSet[field], preset[field])).map((field) => [field, ruleSet[field]]));
  return { ok: true, ruleSet, stored: stored as RuleSetAdjustment };
}

/** The fields of a region's rule set that differ from its preset (what the console marks "adjusted"). */
export function adjustedFields(overrides: RuleSetOverrides, code: RegionCode): AdjustableField[] {
  const adjustment = overrides[code] ?? {};
  return ADJUSTABLE_FIELDS.filter((field) => field in adjustment && !sameValue(adjustment[field], REGION_PRESETS[code][field]));
}
