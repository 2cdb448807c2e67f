import { REGION_CODES, type RegionCode, type RuleSet } from "./rule-set";

/** How a visitor's region was decided: recorded with every consent event. */
export type RegionResolution = { code: RegionCode; resolvedBy: "parameter" | "geo_header" | "accept_language" | "workspace_default"; evidence: string | null };

export interface RegionRequest {
  /** `?region=` on a hosted URL or `data-region` on the embed. */
  explicit?: string | null;
  /** Request headers (lower-case names). */
  headers: Headers;
  /** Which geo headers this deployment trusts, in order (e.g. x-vercel-ip-country, cf-ipcountry). */
  geoHeaders: readonly string[];
  /** A subdivision header paired with the country (x-vercel-ip-country-region gives "CA" for California). */
  geoSubdivisionHeaders?: readonly string[];
  workspaceDefault: RegionCode;
  ruleSets: readonly RuleSet[];
}

const isRegion = (value: string): value is RegionCode => (REGION_CODES as readonly string[]).includes(value);

/** A country (or country-subdivision) code to the region whose rule set lists it. */
export function regionOfCountry(country: string, ruleSets: readonly RuleSet[]): RegionCode | null {
  const code = country.trim().toUpperCase();
  return ruleSets.find((rules) => rules.countries.includes(code))?.code ?? null;
}

// An Accept-Language tag with a country part points at a jurisdiction: zh-CN → mainland China,
// zh-HK → Hong Kong, de-AT → EU. A weak signal, used only when nothing better is known; a bare
// language ("zh", "en") says nothing about where the visitor is.
function regionOfLanguageTag(tag: string, ruleSets: readonly RuleSet[]): RegionCode | null {
  const country = tag.split("-")[1];
  return country && /^[A-Za-z]{2}$/.test(country) ? regionOfCountry(country, ruleSets) : null;
}

/** Accept-Language tags by descending quality (RFC 9110 §12.5.4); malformed entries are skipped. */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(entry.tag) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** Explicit parameter → a configured geo header → Accept-Language → the workspace default. */
export function resolveRegion(request: RegionRequest): RegionResolution {
  const explicit = request.explicit?.trim().toUpperCase();
  if (explicit && isRegion(explicit)) return { code: explicit, resolvedBy: "parameter", evidence: explicit };
  for (const name of request.geoHeaders) {
    const country = request.headers.get(name)?.trim().toUpperCase();
    if (!country || !/^[A-Z]{2}$/.test(country)) continue;
    for (const subdivisionHeader of request.geoSubdivisionHeaders ?? []) {
      const subdivision = request.headers.get(subdivisionHeader)?.trim().toUpperCase();
      const region = subdivision && /^[A-Z0-9]{1,3}$/.test(subdivision) ? regionOfCountry(`${country}-${subdivision}`, request.ruleSets) : null;
      if (region) return { code: region, resolvedBy: "geo_header", evidence: `${name}=${country}-${subdivision}` };
    }
    const region = regionOfCountry(country, request.ruleSets);
    if (region) return { code: region, resolvedBy: "geo_header", evidence: `${name}=${country}` };
  }
  for (const tag of acceptedLanguages(request.headers.get("accept-language"))) {
    const region = regionOfLanguageTag(tag, request.ruleSets);
    if (region) return { code: region, resolvedBy: "accept_language", evidence: tag };
  }
  return { code: request.workspaceDefault, resolvedBy: "workspace_default", evidence: null };
}
