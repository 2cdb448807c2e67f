import { describe, expect, it } from "vitest";
import { gpcOptOutPurposeIds, hasGpcHeader, isSaleOrSharing, type GpcPurpose } from "./gpc";
import { REGION_PRESETS } from "./presets";

const purpose = (id: string, dpvPurpose: string | null, extra: Partial<GpcPurpose> = {}): GpcPurpose => ({
  id,
  necessary: false,
  dpvPurpose,
  thirdPartyRecipient: false,
  ...extra,
});

// The standard catalog every workspace starts with (see the notices migration's standard_purpose_legal).
const STANDARD = [
  purpose("necessary", "dpv:ServiceProvision", { necessary: true }),
  purpose("analytics", "dpv:ServiceUsageAnalytics"),
  purpose("advertising", "dpv:PersonalisedAdvertising"),
  purpose("personalisation", "dpv:ServicePersonalisation"),
  purpose("marketing", "dpv:DirectMarketing"),
  purpose("sensitive_data", null),
  purpose("cross_border_transfer", null),
  purpose("third_party_sharing", null, { thirdPartyRecipient: true }),
];

describe("GPC opt-out purposes (11 CCR 7025)", () => {
  it("California: advertising, marketing and sharing with other companies, in catalog order", () => {
    expect(gpcOptOutPurposeIds(REGION_PRESETS["US-CA"], STANDARD)).toEqual(["advertising", "marketing", "third_party_sharing"]);
  });

  it.each(["CN", "EU", "HK"] as const)("%s: the rule does not honour GPC, so nothing", (code) => {
    expect(gpcOptOutPurposeIds(REGION_PRESETS[code], STANDARD)).toEqual([]);
  });

  it.each<[string, GpcPurpose, boolean]>([
    ["targeted advertising", purpose("p", "dpv:TargetedAdvertising"), true],
    ["plain advertising", purpose("p", "dpv:Advertising"), true],
    ["social media marketing", purpose("p", "dpv:SocialMediaMarketing"), true],
    ["selling data", purpose("p", "dpv:SellDataToThirdParties"), true],
    ["selling insights", purpose("p", "dpv:SellInsightsFromData"), true],
    ["selling products is commerce, not a sale of data", purpose("p", "dpv:SellProducts"), false],
    ["analytics kept in house", purpose("p", "dpv:ServiceUsageAnalytics"), false],
    ["an unclassified purpose with a third-party recipient", purpose("p", null, { thirdPartyRecipient: true }), true],
    ["a necessary purpose is never opted out, whatever its term", purpose("p", "dpv:Advertising", { necessary: true }), false],
    ["a term that only contains the word", purpose("p", "dpv:AdvertisingMeasurementOfService"), false],
  ])("%s", (_case, input, expected) => {
    expect(isSaleOrSharing(input)).toBe(expected);
  });
});

describe("Sec-GPC header", () => {
  it.each<[Record<string, string>, boolean]>([
    [{ "sec-gpc": "1" }, true],
    [{ "Sec-GPC": " 1 " }, true],
    [{ "sec-gpc": "0" }, false],
    [{ "sec-gpc": "true" }, false],
    [{}, false],
  ])("%j → %s", (headers, expected) => {
    expect(hasGpcHeader(new Headers(headers))).toBe(expected);
  });
});
