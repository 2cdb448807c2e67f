import { REGION_PRESETS } from "./presets";
import { REGION_CODES, ruleSetSchema, type RegionCode, type RuleSet } from "./rule-set";

/** A workspace's adjustments to the built-in rule sets, by region (stored per workspace). */
export type RuleSetOverrides = Partial<Record<RegionCode, Partial<Omit<RuleSet, "code">>>>;

/**
 * The rule sets a workspace uses: each preset with the workspace's adjustments on top. An
 * adjustment that no longer fits the schema (a stored row from an older release) is ignored
 * for that region rather than breaking every page of the workspace.
 */
export function effectiveRuleSets(overrides: RuleSetOverrides = {}): RuleSet[] {
  return REGION_CODES.map((code) => {
    const merged = ruleSetSchema.safeParse({ ...REGION_PRESETS[code], ...overrides[code], code });
    return merged.success ? merged.data : REGION_PRESETS[code];
  });
}

export function ruleSetFor(ruleSets: readonly RuleSet[], code: RegionCode): RuleSet {
  return ruleSets.find((rules) => rules.code === code) ?? REGION_PRESETS[code];
}
