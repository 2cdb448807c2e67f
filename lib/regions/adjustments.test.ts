import { describe, expect, it } from "vitest";
import { adjustedFields, checkAdjustment } from "./adjustments";
import { effectiveRuleSets } from "./effective";
import { floorProblems, LAW_FLOORS } from "./floors";
import { REGION_PRESETS } from "./presets";
import { REGION_CODES } from "./rule-set";

const presets = effectiveRuleSets({});

describe("the law's floor", () => {
  it.each(REGION_CODES)("the %s preset meets its own floor", (code) => {
    expect(floorProblems(REGION_PRESETS[code])).toEqual([]);
  });

  it.each([
    ["CN", { noPreTicked: false }, "noPreTicked"],
    ["CN", { rejectOnFirstLayer: false }, "rejectOnFirstLayer"],
    ["CN", { separateConsent: false }, "separateConsent"],
    ["CN", { consentModel: "opt_out" }, "consentModel"],
    ["CN", { ageOfConsent: 13 }, "ageOfConsent"],
    ["EU", { noPreTicked: false }, "noPreTicked"],
    ["EU", { rejectOnFirstLayer: false }, "rejectOnFirstLayer"],
    ["EU", { consentModel: "notice_only" }, "consentModel"],
    ["EU", { ageOfConsent: 12 }, "ageOfConsent"],
    ["US-CA", { gpc: "not_applicable" }, "gpc"],
    ["US-CA", { rejectOnFirstLayer: false }, "rejectOnFirstLayer"], // 11 CCR 7004: symmetry in choice
    ["HK", { noPreTicked: false }, "noPreTicked"], // PDPO Part 6A: direct marketing needs consent first
    ["HK", { consentModel: "opt_out" }, "consentModel"],
    ["US-CA", { ageOfConsent: 12 }, "ageOfConsent"],
  ] as const)("%s refuses %j", (code, adjustment, field) => {
    const result = checkAdjustment(code, adjustment, presets);
    expect(result).toEqual({ ok: false, problems: [{ code: "region_rule_below_floor", field }] });
  });

  it.each([
    ["EU", { ageOfConsent: 13 }], // a member state may go down to 13 (GDPR Art. 8)
    ["CN", { ageOfConsent: 16, reaskAfterDays: 180 }], // stricter is always allowed
    ["HK", { rejectOnFirstLayer: false, separateConsent: true }], // PDPO sets no floor for these
    ["US-CA", { noPreTicked: true, consentModel: "opt_in" }],
    ["DEFAULT", { consentModel: "opt_out", noPreTicked: false, gpc: "not_applicable", ageOfConsent: 0 }],
  ] as const)("%s accepts %j and stores only what differs from the preset", (code, adjustment) => {
    const result = checkAdjustment(code, { ...adjustment, defaultLocale: REGION_PRESETS[code].defaultLocale }, presets);
    expect(result).toMatchObject({ ok: true, stored: adjustment, ruleSet: { ...REGION_PRESETS[code], ...adjustment } });
  });

  it("the floors are data: China and the EU keep every consent rule, California keeps GPC and reject on the first layer, Hong Kong keeps opt-in without pre-ticks", () => {
    expect(LAW_FLOORS.CN).toMatchObject({ noPreTicked: true, rejectOnFirstLayer: true, separateConsent: true, minAgeOfConsent: 14 });
    expect(LAW_FLOORS.EU).toMatchObject({ noPreTicked: true, rejectOnFirstLayer: true, minAgeOfConsent: 13 });
    expect(LAW_FLOORS["US-CA"]).toEqual({ gpc: "opt_out_sale_sharing", rejectOnFirstLayer: true, minAgeOfConsent: 13 });
    expect(LAW_FLOORS.HK).toEqual({ consentModel: "opt_in", noPreTicked: true });
  });
});

describe("checkAdjustment", () => {
  it("refuses unknown fields, the code, and values of the wrong shape", () => {
    expect(checkAdjustment("EU", { code: "CN" }, presets)).toEqual({ ok: false, problems: [{ code: "invalid_input", field: "form" }] });
    expect(checkAdjustment("EU", { reaskAfterDays: 0, offeredLocales: [] }, presets)).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([{ code: "invalid_input", field: "reaskAfterDays" }, { code: "invalid_input", field: "offeredLocales" }]),
    });
    expect(checkAdjustment("EU", "everything", presets)).toMatchObject({ ok: false });
  });

  it("the default language must be offered, each language once", () => {
    expect(checkAdjustment("HK", { offeredLocales: ["en"] }, presets)).toEqual({ ok: false, problems: [{ code: "region_locale_not_offered", field: "defaultLocale" }] });
    expect(checkAdjustment("HK", { offeredLocales: ["zh-HK", "zh-HK"] }, presets)).toMatchObject({ ok: false, problems: [{ code: "invalid_input", field: "offeredLocales" }] });
  });

  it("a country belongs to one region at most", () => {
    expect(checkAdjustment("DEFAULT", { countries: ["US", "FR"] }, presets)).toEqual({
      ok: false,
      problems: [{ code: "region_country_taken", field: "countries", country: "FR", region: "EU" }],
    });
    // A region may keep (or drop) its own countries.
    expect(checkAdjustment("EU", { countries: ["FR", "DE"] }, presets)).toMatchObject({ ok: true, stored: { countries: ["FR", "DE"] } });
  });

  it("an adjustment equal to the preset stores nothing", () => {
    expect(checkAdjustment("CN", { ...REGION_PRESETS.CN, code: undefined }, presets)).toMatchObject({ ok: false });
    const { code: _code, ...fields } = REGION_PRESETS.CN;
    expect(checkAdjustment("CN", fields, presets)).toMatchObject({ ok: true, stored: {} });
  });

  it("adjustedFields names what differs from the preset", () => {
    expect(adjustedFields({ EU: { ageOfConsent: 14, noPreTicked: true } }, "EU")).toEqual(["ageOfConsent"]);
    expect(adjustedFields({}, "EU")).toEqual([]);
  });
});
