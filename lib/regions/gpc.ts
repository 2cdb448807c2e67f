import type { RuleSet } from "./rule-set";

/** What GPC needs to know of a purpose offered by a live experience. */
export interface GpcPurpose {
  id: string;
  necessary: boolean;
  /** The purpose's W3C DPV term, e.g. "dpv:PersonalisedAdvertising"; null when unclassified. */
  dpvPurpose: string | null;
  /** Personal information goes to another company for its own use (a named recipient or the PIPL flag). */
  thirdPartyRecipient: boolean;
}

// DPV purposes that are advertising or marketing (Advertising, PersonalisedAdvertising,
// TargetedAdvertising, DirectMarketing, SocialMediaMarketing …) or the sale of data itself.
const ADVERTISING_OR_MARKETING = /^dpv:[A-Za-z]*(Advertising|Marketing)$/;
const SALE_OF_DATA = new Set(["dpv:SellDataToThirdParties", "dpv:SellInsightsFromData", "dpv:SellPersonalData"]);

/** Whether a purpose is, under CCPA, a "sale" or "sharing" of personal information (Civ. Code 1798.140(ad), (ah)). */
export function isSaleOrSharing(purpose: GpcPurpose): boolean {
  if (purpose.necessary) return false;
  if (purpose.thirdPartyRecipient) return true;
  const term = purpose.dpvPurpose ?? "";
  return ADVERTISING_OR_MARKETING.test(term) || SALE_OF_DATA.has(term);
}

/**
 * The purposes a Global Privacy Control signal opts out of (11 CCR 7025): where the region's
 * rule honours GPC as an opt-out of sale and sharing, every optional purpose that sells or
 * shares personal information; elsewhere none. Order follows `purposes`.
 */
export function gpcOptOutPurposeIds(rules: Pick<RuleSet, "gpc">, purposes: readonly GpcPurpose[]): string[] {
  if (rules.gpc !== "opt_out_sale_sharing") return [];
  return purposes.filter(isSaleOrSharing).map((purpose) => purpose.id);
}

/** `Sec-GPC: 1` (the header's only defined value; anything else is no signal). */
export function hasGpcHeader(headers: Headers): boolean {
  return headers.get("sec-gpc")?.trim() === "1";
}
