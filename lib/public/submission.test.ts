import { describe, expect, it } from "vitest";
import { recordConsentBody } from "@/app/api/v1/consents/schema";
import { initialChoices } from "@/lib/renderer-model/choices";
import { CATALOG, fullDocument, PURPOSE, TOPIC } from "@/lib/renderer-model/test-fixtures";
import type { LiveExperience } from "./live-types";
import { consentSubmission } from "./submission";

const VERSION_ID = "6f1c2b0e-4d3a-4c5b-9e8f-0a1b2c3d4e5f";

function liveExperience(overrides: Partial<LiveExperience> = {}): LiveExperience {
  return {
    publicId: "x0123456789abcdef0123",
    publicKey: "pk_live_test",
    kind: "banner",
    versionId: VERSION_ID,
    versionNumber: 3,
    reconsentFromVersion: 2,
    region: { code: "EU", resolvedBy: "geo_header", evidence: "DE" },
    rules: { consentModel: "opt_in", gpc: "not_applicable", reaskAfterDays: 365 },
    gpc: { requestSignal: false, optOutPurposeIds: [] },
    consentMode: {},
    locale: "en",
    document: fullDocument(),
    catalog: CATALOG,
    notices: {},
    noticeVersions: {},
    ...overrides,
  };
}

const device = { kind: "device_id", value: "d8f0a1b2c3d4e5f6a7b8c9" } as const;

describe("consentSubmission", () => {
  it("records accept all as one decision per purpose the document shows, valid for the API", () => {
    const live = liveExperience();
    const body = consentSubmission(live, { choices: initialChoices(live.document), action: "accept_all", subject: device });
    expect(recordConsentBody.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      experience: live.publicId,
      experienceVersionId: VERSION_ID,
      subject: device,
      channel: "web",
      method: "click_accept",
      expressedBy: "subject",
      locale: "en",
      region: { code: "EU", resolvedBy: "geo_header" },
      consentType: "explicit",
    });
    // The choices passed in are what is recorded; the renderer has already applied the action.
    expect(body.decisions).toEqual([
      { purposeId: PURPOSE.necessary, state: "given" },
      { purposeId: PURPOSE.analytics, state: "refused" },
      { purposeId: PURPOSE.marketing, state: "given" },
      { purposeId: PURPOSE.crossBorder, state: "refused" },
    ]);
  });

  it("marks a separate-consent purpose given before accept all as given separately", () => {
    const live = liveExperience();
    const choices = initialChoices(live.document);
    choices.purposes[PURPOSE.crossBorder] = true;
    const body = consentSubmission(live, { choices, action: "accept_all", subject: device });
    expect(body.decisions.find((d) => d.purposeId === PURPOSE.crossBorder)).toEqual({
      purposeId: PURPOSE.crossBorder,
      state: "given",
      separate: true,
    });
    const saved = consentSubmission(live, { choices, action: "save_choices", subject: device });
    expect(saved.method).toBe("save");
    expect(saved.decisions.find((d) => d.purposeId === PURPOSE.crossBorder)).toEqual({ purposeId: PURPOSE.crossBorder, state: "given" });
  });

  it("keeps required purposes given even on reject all", () => {
    const live = liveExperience();
    const none = Object.fromEntries(Object.values(PURPOSE).map((id) => [id, false]));
    const choices = { ...initialChoices(live.document), purposes: none };
    const body = consentSubmission(live, { choices, action: "reject_all", subject: device });
    expect(body.method).toBe("click_reject");
    expect(body.decisions.filter((d) => d.state === "given").map((d) => d.purposeId)).toEqual([PURPOSE.necessary]);
  });

  it("sends only the preferences the document offers", () => {
    const live = liveExperience();
    const choices = {
      ...initialChoices(live.document),
      channels: { global: ["email" as const], [PURPOSE.marketing]: ["wechat" as const], "unbound:x": ["sms" as const] },
      topics: [TOPIC.offers],
      frequencyCap: { max: 3, period: "week" as const },
    };
    const body = consentSubmission(live, { choices, action: "save_choices", subject: device });
    expect(body.preferences).toEqual({
      channels: { "*": ["email"], [PURPOSE.marketing]: ["wechat"] },
      topics: [TOPIC.offers],
      frequencyCap: { max: 3, period: "week" },
      quietHours: null,
    });
    expect(recordConsentBody.safeParse(body).success).toBe(true);

    const banner = liveExperience({
      document: { ...fullDocument(), blocks: fullDocument().blocks.filter((block) => block.type !== "preferences_layer") },
    });
    const bare = consentSubmission(banner, { choices: initialChoices(banner.document), action: "accept_all", subject: device });
    expect(bare.preferences).toBeUndefined();
    expect(bare.decisions).toEqual([]);
  });

  it("records a GPC signal as refusals of the purposes the region opts out of", () => {
    const live = liveExperience({
      region: { code: "US-CA", resolvedBy: "parameter", evidence: null },
      rules: { consentModel: "opt_out", gpc: "opt_out_sale_sharing", reaskAfterDays: 365 },
      gpc: { requestSignal: true, optOutPurposeIds: [PURPOSE.marketing, PURPOSE.marketing, PURPOSE.analytics] },
    });
    const body = consentSubmission(live, { choices: initialChoices(live.document), action: "gpc", subject: device });
    expect(body).toMatchObject({ method: "gpc_signal", consentType: "opt_out", region: { code: "US-CA", resolvedBy: "parameter" } });
    expect(body.decisions).toEqual([
      { purposeId: PURPOSE.marketing, state: "refused" },
      { purposeId: PURPOSE.analytics, state: "refused" },
    ]);
    expect(body.preferences).toBeUndefined();
    expect(recordConsentBody.safeParse(body).success).toBe(true);
  });

  it("follows the region's consent model and keeps the page without its query", () => {
    const live = liveExperience({ rules: { consentModel: "notice_only", gpc: "not_applicable", reaskAfterDays: 365 }, locale: "zh-CN" });
    const body = consentSubmission(live, {
      choices: initialChoices(live.document),
      action: "accept_all",
      subject: device,
      channel: "mini_program",
      pageUrl: "https://shop.example.com/cart?token=secret#top",
      context: { userAgent: "Test/1.0", referrer: "dropped" },
    });
    expect(body).toMatchObject({ consentType: "notice_only", channel: "mini_program", locale: "zh-CN" });
    expect(body.context).toEqual({ pageUrl: "https://shop.example.com/cart", userAgent: "Test/1.0" });
    expect(recordConsentBody.safeParse(body).success).toBe(true);
  });
});
