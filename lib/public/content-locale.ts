import { SUPPORTED_CONTENT_LOCALES, type ContentLocale } from "@/lib/experience";
import { acceptedLanguages } from "@/lib/regions/resolve";

export interface ContentLocaleRequest {
  /** `?lang=` on the hosted URL or `data-lang` on the embed. */
  lang?: string | null;
  /** The Accept-Language header. */
  acceptLanguage?: string | null;
  /** The languages the region's variant offers, in switcher order (never empty). */
  offered: readonly ContentLocale[];
  /** The default language the region's variant sets, if it sets one. */
  variantDefault?: ContentLocale | null;
  /** The region rule's default language, then its offered languages in order. */
  regionDefault: ContentLocale;
  regionOffered: readonly ContentLocale[];
  /** The document's own default language. */
  documentDefault: ContentLocale;
}

/** Case-insensitive BCP 47 lookup of a content locale ("zh-cn" → "zh-CN"). */
function canonical(tag: string): ContentLocale | null {
  const lower = tag.toLowerCase();
  return SUPPORTED_CONTENT_LOCALES.find((code) => code.toLowerCase() === lower) ?? null;
}

/**
 * The content locales a language tag may be served by, best first. Chinese goes by script and
 * place: Traditional (Hant, TW, HK, MO) never falls to Simplified or back; a bare "zh" is
 * Simplified, the usual meaning of it. Other tags fall back to their language ("de-AT" → de).
 */
export function candidatesFor(tag: string): ContentLocale[] {
  const parts = tag.toLowerCase().split("-");
  if (parts[0] === "zh") {
    const rest = parts.slice(1);
    if (rest.includes("hk") || rest.includes("mo")) return ["zh-HK", "zh-TW"];
    if (rest.includes("hant") || rest.includes("tw")) return ["zh-TW", "zh-HK"];
    return ["zh-CN"];
  }
  const exact = canonical(tag);
  const language = canonical(parts[0] ?? "");
  return [...new Set([exact, language].filter((code): code is ContentLocale => code !== null))];
}

/**
 * The language a live experience is shown in: `lang` if the variant offers it → the best
 * Accept-Language match among those offered → the variant's default → the region's default
 * (or its first offered language the document has) → the document's default.
 */
export function chooseContentLocale(request: ContentLocaleRequest): ContentLocale {
  const offered = (code: ContentLocale | null | undefined): code is ContentLocale => !!code && request.offered.includes(code);
  const explicit = request.lang ? canonical(request.lang.trim()) : null;
  if (offered(explicit)) return explicit;
  for (const tag of acceptedLanguages(request.acceptLanguage ?? null)) {
    const match = candidatesFor(tag).find(offered);
    if (match) return match;
  }
  if (offered(request.variantDefault)) return request.variantDefault;
  const regional = [request.regionDefault, ...request.regionOffered].find(offered);
  if (regional) return regional;
  return offered(request.documentDefault) ? request.documentDefault : request.offered[0]!;
}
