import { describe, expect, it } from "vitest";
import { liveExperienceQuery, qrCodeQuery, readHostedParams } from "./hosted-params";
import { hostedPathIn, hostedUrl, uiLocaleFor } from "./hosted-url";

describe("QR code parameters", () => {
  it.each<[Record<string, string>, object]>([
    [{}, { format: "svg" }],
    [{ format: "png", channel: "store", store: "SH-001", region: "cn", lang: "zh-cn" }, { format: "png", channel: "store", store: "SH-001", region: "CN", lang: "zh-CN" }],
    [{ region: " us-ca " }, { format: "svg", region: "US-CA" }],
  ])("%j is accepted as %j", (query, expected) => {
    expect(qrCodeQuery.parse(query)).toEqual(expected);
  });

  it.each<[string, Record<string, string>]>([
    ["an unknown format", { format: "gif" }],
    ["a channel browsers cannot claim", { channel: "call_centre" }],
    ["a store code with spaces", { store: "shop 1" }],
    ["a store code with markup", { store: "<b>" }],
    ["a store code too long", { store: "s".repeat(65) }],
    ["an unknown region", { region: "Mars" }],
    ["a language not offered anywhere", { lang: "tlh" }],
    ["an unknown parameter", { utm_source: "x" }],
  ])("refuses %s", (_case, query) => {
    expect(qrCodeQuery.safeParse(query).success).toBe(false);
  });

  it("the live endpoint takes region and lang only", () => {
    expect(liveExperienceQuery.parse({ region: "eu", lang: "EN" })).toEqual({ region: "EU", lang: "en" });
    expect(liveExperienceQuery.safeParse({ channel: "web" }).success).toBe(false);
  });
});

describe("hosted URLs", () => {
  it("encode the parameters in a fixed order, without a language prefix", () => {
    expect(hostedUrl("https://consent.example/", "x0123456789abcdef0123", { lang: "zh-CN", store: "SH 1&2", channel: "store" })).toBe(
      "https://consent.example/p/x0123456789abcdef0123?channel=store&store=SH+1%262&lang=zh-CN",
    );
    expect(hostedUrl("https://consent.example", "x0123456789abcdef0123")).toBe("https://consent.example/p/x0123456789abcdef0123");
  });

  it("switch language under the matching console language, keeping the other parameters", () => {
    expect(hostedPathIn("x0123456789abcdef0123", { region: "HK", channel: "app", lang: "en" }, "zh-HK")).toBe(
      "/zh-TW/p/x0123456789abcdef0123?channel=app&region=HK&lang=zh-HK",
    );
    expect(uiLocaleFor("de")).toBe("en");
  });

  it("read a page's parameters leniently: bad ones are dropped, good ones kept", () => {
    expect(readHostedParams({ channel: "store", store: "<x>", region: ["cn", "eu"], lang: "fr", extra: "1" })).toEqual({ channel: "store", region: "CN", lang: "fr" });
  });
});
