import { describe, expect, it } from "vitest";
import { REGION_PRESETS } from "./presets";
import { acceptedLanguages, resolveRegion, type RegionRequest } from "./resolve";
import { ruleSetSchema } from "./rule-set";

const ruleSets = Object.values(REGION_PRESETS);
const request = (headers: Record<string, string>, extra: Partial<RegionRequest> = {}): RegionRequest => ({
  headers: new Headers(headers),
  geoHeaders: ["x-vercel-ip-country", "cf-ipcountry"],
  geoSubdivisionHeaders: ["x-vercel-ip-country-region"],
  workspaceDefault: "DEFAULT",
  ruleSets,
  ...extra,
});

describe("resolveRegion: explicit parameter → geo header → Accept-Language → workspace default", () => {
  it.each<[string, RegionRequest, { code: string; resolvedBy: string; evidence: string | null }]>([
    ["an explicit parameter wins over everything", request({ "cf-ipcountry": "DE", "accept-language": "zh-CN" }, { explicit: "cn" }), { code: "CN", resolvedBy: "parameter", evidence: "CN" }],
    ["an unknown explicit value is ignored", request({ "cf-ipcountry": "DE" }, { explicit: "Mars" }), { code: "EU", resolvedBy: "geo_header", evidence: "cf-ipcountry=DE" }],
    ["a mainland China visitor by geo header", request({ "cf-ipcountry": "CN" }), { code: "CN", resolvedBy: "geo_header", evidence: "cf-ipcountry=CN" }],
    ["an EU visitor by geo header, lower case", request({ "x-vercel-ip-country": "fr" }), { code: "EU", resolvedBy: "geo_header", evidence: "x-vercel-ip-country=FR" }],
    ["headers are tried in the configured order", request({ "x-vercel-ip-country": "HK", "cf-ipcountry": "DE" }), { code: "HK", resolvedBy: "geo_header", evidence: "x-vercel-ip-country=HK" }],
    ["California needs the subdivision", request({ "x-vercel-ip-country": "US", "x-vercel-ip-country-region": "CA" }), { code: "US-CA", resolvedBy: "geo_header", evidence: "x-vercel-ip-country=US-CA" }],
    ["another US state falls through to the default", request({ "x-vercel-ip-country": "US", "x-vercel-ip-country-region": "TX" }), { code: "DEFAULT", resolvedBy: "workspace_default", evidence: null }],
    ["an untrusted geo header is not read", request({ "x-country": "CN" }), { code: "DEFAULT", resolvedBy: "workspace_default", evidence: null }],
    ["a malformed geo value is skipped", request({ "cf-ipcountry": "XX1", "accept-language": "de-AT" }), { code: "EU", resolvedBy: "accept_language", evidence: "de-AT" }],
    ["Accept-Language with a country", request({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" }), { code: "CN", resolvedBy: "accept_language", evidence: "zh-CN" }],
    ["Accept-Language by quality, not order", request({ "accept-language": "en;q=0.5, zh-HK;q=0.9" }), { code: "HK", resolvedBy: "accept_language", evidence: "zh-HK" }],
    ["a bare language says nothing about where", request({ "accept-language": "zh, en" }), { code: "DEFAULT", resolvedBy: "workspace_default", evidence: null }],
    ["the workspace default otherwise", request({}, { workspaceDefault: "CN" }), { code: "CN", resolvedBy: "workspace_default", evidence: null }],
  ])("%s", (_case, input, expected) => {
    expect(resolveRegion(input)).toEqual(expected);
  });
});

describe("acceptedLanguages", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", ["zh-CN", "zh", "en"]],
    ["en;q=0, fr", ["fr"]],
    ["<script>, de;q=abc, en", ["en"]],
    ["", []],
  ])("%s", (header, expected) => {
    expect(acceptedLanguages(header)).toEqual(expected);
  });
});

describe("region presets", () => {
  it.each(Object.entries(REGION_PRESETS))("%s is a valid rule set under its own code", (code, rules) => {
    expect(ruleSetSchema.parse(rules).code).toBe(code);
  });
  it("a country belongs to one region at most", () => {
    const all = ruleSets.flatMap((rules) => rules.countries);
    expect(new Set(all).size).toBe(all.length);
  });
  it("encodes the rules regulations.md names", () => {
    expect(REGION_PRESETS.CN).toMatchObject({ noPreTicked: true, separateConsent: true, ageOfConsent: 14, defaultLocale: "zh-CN" });
    expect(REGION_PRESETS.EU).toMatchObject({ rejectOnFirstLayer: true, noPreTicked: true, ageOfConsent: 16 });
    expect(REGION_PRESETS["US-CA"]).toMatchObject({ consentModel: "opt_out", gpc: "opt_out_sale_sharing" });
    expect(REGION_PRESETS.HK.defaultLocale).toBe("zh-HK");
  });
});
