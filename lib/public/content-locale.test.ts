import { describe, expect, it } from "vitest";
import { candidatesFor, chooseContentLocale, type ContentLocaleRequest } from "./content-locale";

const request = (extra: Partial<ContentLocaleRequest>): ContentLocaleRequest => ({
  offered: ["en", "zh-CN"],
  regionDefault: "en",
  regionOffered: ["en"],
  documentDefault: "en",
  ...extra,
});

describe("chooseContentLocale: lang → Accept-Language → variant default → region default → document default", () => {
  it.each<[string, Partial<ContentLocaleRequest>, string]>([
    ["an offered ?lang= wins over everything", { lang: "zh-CN", acceptLanguage: "en", variantDefault: "en" }, "zh-CN"],
    ["?lang= is matched without regard to case", { lang: "ZH-cn" }, "zh-CN"],
    ["a ?lang= not offered is ignored", { lang: "fr", acceptLanguage: "zh-CN" }, "zh-CN"],
    ["garbage in ?lang= is ignored", { lang: "<script>", acceptLanguage: "zh" }, "zh-CN"],
    ["Accept-Language by quality", { acceptLanguage: "en;q=0.4, zh-CN;q=0.9" }, "zh-CN"],
    ["Accept-Language falls back to the language", { offered: ["en", "de"], acceptLanguage: "de-AT" }, "de"],
    ["an unoffered first choice gives way to the next", { acceptLanguage: "fr-FR, zh;q=0.5" }, "zh-CN"],
    ["Traditional Chinese never gets Simplified", { acceptLanguage: "zh-TW", regionDefault: "en" }, "en"],
    ["zh-HK is served zh-TW when zh-HK is not offered", { offered: ["en", "zh-TW"], acceptLanguage: "zh-HK" }, "zh-TW"],
    ["zh-Hant-HK prefers zh-HK", { offered: ["en", "zh-TW", "zh-HK"], acceptLanguage: "zh-Hant-HK" }, "zh-HK"],
    ["zh-Hans is Simplified", { acceptLanguage: "zh-Hans-SG" }, "zh-CN"],
    ["the variant's default beats the region's", { variantDefault: "en", regionDefault: "zh-CN" }, "en"],
    ["the region's default (mainland China: zh-CN)", { regionDefault: "zh-CN", regionOffered: ["zh-CN", "en"] }, "zh-CN"],
    ["the region's other languages, in order", { offered: ["en", "zh-TW"], regionDefault: "zh-HK", regionOffered: ["zh-HK", "zh-TW", "en"], documentDefault: "en" }, "zh-TW"],
    ["the document's default otherwise", { offered: ["zh-CN", "en"], regionDefault: "fr", regionOffered: ["fr"], documentDefault: "zh-CN" }, "zh-CN"],
    ["the first offered if even that is gone", { offered: ["zh-CN"], regionDefault: "fr", regionOffered: ["fr"], documentDefault: "en" }, "zh-CN"],
  ])("%s", (_case, extra, expected) => {
    expect(chooseContentLocale(request(extra))).toBe(expected);
  });
});

describe("candidatesFor", () => {
  it.each<[string, string[]]>([
    ["en-US", ["en"]],
    ["zh", ["zh-CN"]],
    ["zh-MO", ["zh-HK", "zh-TW"]],
    ["zh-tw", ["zh-TW", "zh-HK"]],
    ["zh-HK", ["zh-HK", "zh-TW"]],
    ["ja-JP", ["ja"]],
    ["xx", []],
  ])("%s → %j", (tag, expected) => {
    expect(candidatesFor(tag)).toEqual(expected);
  });
});
