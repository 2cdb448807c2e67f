import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import zhTW from "@/lib/i18n/messages/zh-TW.json";

/**
 * The public API answers in the caller's language (Accept-Language), with the same `errors.*`
 * messages the console shows. No cookies and no locale prefix here: the API is cookie-less.
 */
export type ApiLanguage = "en" | "zh-CN" | "zh-TW";

type ErrorCatalog = Record<string, unknown> & { api?: Record<string, string> };
const CATALOGS: Record<ApiLanguage, ErrorCatalog> = {
  en: en.errors as ErrorCatalog,
  "zh-CN": zhCN.errors as ErrorCatalog,
  "zh-TW": zhTW.errors as ErrorCatalog,
};

/** Maps one language tag to a language we answer in, or null. */
function supported(tag: string): ApiLanguage | null {
  const t = tag.trim().toLowerCase();
  if (t === "en" || t.startsWith("en-")) return "en";
  if (t === "zh-tw" || t === "zh-hk" || t === "zh-mo" || t.startsWith("zh-hant")) return "zh-TW";
  if (t === "zh" || t.startsWith("zh-")) return "zh-CN";
  return null;
}

/** The best supported language of an Accept-Language header (RFC 9110 q-values); English otherwise. */
export function pickLanguage(acceptLanguage: string | null | undefined): ApiLanguage {
  if (!acceptLanguage) return "en";
  let best: { language: ApiLanguage; q: number } | null = null;
  for (const part of acceptLanguage.slice(0, 500).split(",")) {
    const [tag = "", ...params] = part.split(";");
    const language = supported(tag);
    if (!language) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? "en";
}

/** The message of an error code: `errors.api.<code>`, else `errors.<code>`, else the generic one. */
export function apiMessage(code: string, language: ApiLanguage, params: Record<string, string | number> = {}): string {
  const catalog = CATALOGS[language];
  const own = catalog.api?.[code];
  const shared = catalog[code];
  const template = own ?? (typeof shared === "string" ? shared : (catalog.unexpected as string));
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
