import { describe, expect, it } from "vitest";
import { CONSENT_MODE_SIGNALS as DOCUMENT_SIGNALS, consentModeSchema } from "@/lib/experience";
import { readConfig } from "./config";
import { CONSENT_MODE_SIGNALS, consentModeState, pageGtag, sendConsentDefault } from "./consent-mode";
import { gpcApplies } from "./gpc";
import { embedStrings } from "@/lib/embed/strings";

const PUBLIC_ID = "x0123456789abcdef0123";
const A = "00000000-0000-4000-8000-000000000001";
const B = "00000000-0000-4000-8000-000000000002";

function script(attributes: Record<string, string>, src = "https://consent.example.com/embed/v1.js") {
  return { src, getAttribute: (name: string) => attributes[name] ?? null, hasAttribute: (name: string) => name in attributes };
}

describe("readConfig", () => {
  it("reads the data attributes, the API defaulting to the script's own origin", () => {
    expect(readConfig(script({ "data-experience": PUBLIC_ID }))).toEqual({
      experience: PUBLIC_ID,
      region: null,
      lang: null,
      api: "https://consent.example.com",
      consentMode: false,
    });
    expect(
      readConfig(
        script({ "data-experience": PUBLIC_ID, "data-region": "US-CA", "data-lang": "zh-CN", "data-api": "https://api.example.com/x", "data-consent-mode": "" }),
      ),
    ).toEqual({ experience: PUBLIC_ID, region: "US-CA", lang: "zh-CN", api: "https://api.example.com", consentMode: true });
  });

  it("says why it cannot start", () => {
    expect(readConfig(null)).toMatch(/not found/);
    expect(readConfig(script({ "data-experience": "nope" }))).toMatch(/public id/);
    expect(readConfig(script({ "data-experience": PUBLIC_ID, "data-api": "::" }, "::"))).toMatch(/URL/);
  });
});

describe("Consent Mode", () => {
  it("names the same signals as the document", () => {
    expect([...CONSENT_MODE_SIGNALS]).toEqual([...DOCUMENT_SIGNALS]);
  });

  it("grants a signal only when every purpose mapped to it is given", () => {
    const mapping = consentModeSchema.parse({ ad_storage: [A, B], analytics_storage: [A] });
    expect(consentModeState(mapping, [A])).toEqual({
      ad_storage: "denied",
      analytics_storage: "granted",
      ad_user_data: "denied",
      ad_personalization: "denied",
    });
    expect(consentModeState(mapping, [A, B]).ad_storage).toBe("granted");
    expect(consentModeState({}, [A, B]).analytics_storage).toBe("denied");
  });

  it("uses the page's gtag, or queues on dataLayer when the page uses Google tags or asks", () => {
    const calls: unknown[][] = [];
    const gtag = (...args: unknown[]) => void calls.push(args);
    expect(pageGtag({ gtag }, false)).toBe(gtag);
    expect(pageGtag({}, false)).toBeNull();

    const page: { dataLayer?: unknown[] } = {};
    const queued = pageGtag(page, true)!;
    sendConsentDefault(queued);
    expect(page.dataLayer).toHaveLength(1);
    const entry = page.dataLayer![0] as IArguments;
    expect(Object.prototype.toString.call(entry)).toBe("[object Arguments]");
    expect([...entry]).toEqual([
      "consent",
      "default",
      { ad_storage: "denied", analytics_storage: "denied", ad_user_data: "denied", ad_personalization: "denied", wait_for_update: 500 },
    ]);
    expect(pageGtag({ dataLayer: [] }, false)).not.toBeNull();
  });
});

describe("gpcApplies", () => {
  const live = {
    gpc: { requestSignal: false, optOutPurposeIds: [A] },
    rules: { consentModel: "opt_out" as const, gpc: "opt_out_sale_sharing" as const, reaskAfterDays: 365 },
  };

  it("honours the browser's signal or the request header where the rule opts out of sale and sharing", () => {
    expect(gpcApplies(live, true)).toBe(true);
    expect(gpcApplies({ ...live, gpc: { ...live.gpc, requestSignal: true } }, undefined)).toBe(true);
    expect(gpcApplies(live, undefined)).toBe(false);
    expect(gpcApplies(live, "true")).toBe(false);
  });

  it("ignores it where the rule does not apply or nothing is sold or shared", () => {
    expect(gpcApplies({ ...live, rules: { ...live.rules, gpc: "not_applicable" } }, true)).toBe(false);
    expect(gpcApplies({ ...live, gpc: { requestSignal: true, optOutPurposeIds: [] } }, true)).toBe(false);
  });
});

describe("embedStrings", () => {
  it("speaks every language of the renderer, English where it has none", () => {
    expect(embedStrings("en").gpcHonoured).toMatch(/Global Privacy Control/);
    for (const locale of ["zh-CN", "zh-TW", "zh-HK"] as const) {
      expect(embedStrings(locale).gpcHonoured).toMatch(/[\u4e00-\u9fff]/);
      expect(embedStrings(locale).dismiss).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(embedStrings("ja")).toEqual(embedStrings("en"));
  });
});
