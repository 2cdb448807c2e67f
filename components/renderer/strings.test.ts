import { describe, expect, it } from "vitest";
import { SUPPORTED_CONTENT_LOCALES, textFor } from "@/lib/experience";
import { formatCount, formatZone, rendererStrings } from "./strings";
import { localText, ownLanguageName } from "./text";

/** Every leaf of a strings object, by path, so missing or empty entries are named. */
function leaves(value: unknown, path = ""): Record<string, unknown> {
  if (typeof value !== "object" || value === null) return { [path]: value };
  return Object.assign({}, ...Object.entries(value).map(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key)));
}

describe("rendererStrings", () => {
  it("has a complete, non-empty entry for every key in every shipped language", () => {
    const english = leaves(rendererStrings("en"));
    for (const locale of ["zh-CN", "zh-TW", "zh-HK"] as const) {
      const own = leaves(rendererStrings(locale));
      expect(Object.keys(own).sort()).toEqual(Object.keys(english).sort());
      for (const [key, value] of Object.entries(own)) expect(value, `${locale} ${key}`).toMatch(/\S/);
    }
  });

  it("writes Chinese copy in Chinese, not English", () => {
    expect(rendererStrings("zh-CN").alwaysOn).toBe("始终开启");
    expect(rendererStrings("zh-TW").channels.push).toBe("推播通知");
    // Hong Kong wording differs from Taiwan's where it matters.
    expect(rendererStrings("zh-HK").channels.sms).toBe("短訊");
    expect(rendererStrings("zh-HK").alwaysOn).toBe(rendererStrings("zh-TW").alwaysOn);
  });

  it("falls back to English for languages without their own entry", () => {
    for (const locale of SUPPORTED_CONTENT_LOCALES.filter((l) => !["zh-CN", "zh-TW", "zh-HK"].includes(l))) {
      expect(rendererStrings(locale)).toBe(rendererStrings("en"));
    }
  });

  it("puts the number into counted phrases", () => {
    expect(formatCount(rendererStrings("en").atMost.week, 3)).toBe("At most 3 per week");
    expect(formatCount(rendererStrings("zh-CN").atMost.month, 2)).toBe("每月最多 2 次");
    expect(formatZone(rendererStrings("zh-TW").timeZone, "Asia/Taipei")).toBe("時區：Asia/Taipei");
  });
});

describe("localText", () => {
  it("follows lib/experience textFor", () => {
    const cases = [
      { en: "Hello", "zh-CN": "你好" },
      { en: "Hello", "zh-CN": "  " },
      { "zh-CN": "你好" },
      {},
    ];
    for (const text of cases) {
      for (const locale of ["en", "zh-CN", "ja"] as const) {
        expect(localText(text, locale, "en")).toBe(textFor(text, locale, "en"));
      }
    }
    expect(localText(undefined, "en", "en")).toBe("");
  });
});

describe("ownLanguageName", () => {
  it("names each language in itself", () => {
    expect(ownLanguageName("de")).toBe("Deutsch");
    expect(ownLanguageName("ja")).toBe("日本語");
    expect(ownLanguageName("zh-CN")).toMatch(/^中文/);
    expect(ownLanguageName("fr")).toMatch(/^Français/);
  });
});
