import type { RegionCode, RuleSet } from "./rule-set";

/**
 * Where the law sets a clear minimum, a workspace may tighten a region's rules but never loosen
 * them below it. Data, like the presets; the migration's private.region_rules_below_floor holds
 * the same list so that no client can store an adjustment below it.
 */
export interface RuleFloor {
  consentModel?: "opt_in";
  noPreTicked?: true;
  rejectOnFirstLayer?: true;
  separateConsent?: true;
  gpc?: "opt_out_sale_sharing";
  minAgeOfConsent?: number;
}

export const LAW_FLOORS: Record<RegionCode, RuleFloor> = {
  // PIPL art. 14 (explicit, voluntary: no pre-ticked boxes), 15–16 (refusing as easily as
  // agreeing), 23/25/29/39 (separate consent), 31 (under 14: a guardian); GB/T 42574-2023.
  CN: { consentModel: "opt_in", noPreTicked: true, rejectOnFirstLayer: true, separateConsent: true, minAgeOfConsent: 14 },
  // GDPR Art. 4(11) and Recital 32 (opt-in, no pre-ticked boxes), Art. 9(2)(a) (explicit consent
  // for special categories), Art. 8 (member states may go down to 13); EDPB taskforce 2023.
  EU: { consentModel: "opt_in", noPreTicked: true, rejectOnFirstLayer: true, separateConsent: true, minAgeOfConsent: 13 },
  // 11 CCR 7025 (an opt-out preference signal must be honoured), 11 CCR 7004(a)(2) (symmetry in
  // choice: saying no takes no more steps than saying yes, so reject sits beside accept on the
  // first layer; publishing also holds them to equal prominence everywhere), Civ. Code
  // 1798.120(c) (under 13: parent).
  "US-CA": { gpc: "opt_out_sale_sharing", rejectOnFirstLayer: true, minAgeOfConsent: 13 },
  // PDPO Part 6A (s35C, s35E): personal data may be used in direct marketing only after the
  // subject consents, and s35A counts an indication of no objection only when the subject gives
  // it: silence and a box ticked in advance are not consent. A rule set has one model for every
  // optional purpose, direct marketing among them: opt-in, nothing pre-ticked. No age is set.
  HK: { consentModel: "opt_in", noPreTicked: true },
  // The workspace's own fallback: its choice.
  DEFAULT: {},
};

export const FLOOR_FIELDS = ["consentModel", "noPreTicked", "rejectOnFirstLayer", "separateConsent", "gpc", "ageOfConsent"] as const;
export type FloorField = (typeof FLOOR_FIELDS)[number];

/** The fields of `rules` that go below its region's legal floor; empty when it meets the law. */
export function floorProblems(rules: RuleSet): FloorField[] {
  const floor = LAW_FLOORS[rules.code];
  const below: FloorField[] = [];
  if (floor.consentModel !== undefined && rules.consentModel !== floor.consentModel) below.push("consentModel");
  if (floor.noPreTicked && !rules.noPreTicked) below.push("noPreTicked");
  if (floor.rejectOnFirstLayer && !rules.rejectOnFirstLayer) below.push("rejectOnFirstLayer");
  if (floor.separateConsent && !rules.separateConsent) below.push("separateConsent");
  if (floor.gpc !== undefined && rules.gpc !== floor.gpc) below.push("gpc");
  if (floor.minAgeOfConsent !== undefined && rules.ageOfConsent < floor.minAgeOfConsent) below.push("ageOfConsent");
  return below;
}
