import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import zhTW from "@/lib/i18n/messages/zh-TW.json";
import { API_ERROR_CODES } from "./codes";
import { apiMessage, pickLanguage } from "./messages";

describe("pickLanguage", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["fr-FR, de", "en"],
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["en-GB,zh-CN;q=0.9", "en"],
    ["fr;q=1, zh-TW;q=0.8, en;q=0.5", "zh-TW"],
    ["zh-CN;q=0, en", "en"],
    ["zh-CN;q=abc", "en"],
  ])("%s → %s", (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});

describe("apiMessage", () => {
  it("has a message for every API code in all three languages", () => {
    for (const catalog of [en, zhCN, zhTW]) {
      const api = (catalog.errors as unknown as { api: Record<string, string> }).api;
      for (const code of API_ERROR_CODES) expect(api[code], code).toBeTruthy();
    }
  });

  it("fills placeholders and falls back to errors.<code>, then the generic message", () => {
    expect(apiMessage("rate_limited", "en", { seconds: 12 })).toBe("Too many requests. Retry in 12 seconds.");
    expect(apiMessage("rate_limited", "zh-CN", { seconds: 12 })).toContain("12 秒");
    expect(apiMessage("forbidden", "en")).toBe(en.errors.forbidden);
    expect(apiMessage("no_such_code", "zh-TW")).toBe(zhTW.errors.unexpected);
  });
});
