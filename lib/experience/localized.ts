import { z } from "zod";

/**
 * Languages a customer may write an experience in. Wider than the console's own locales
 * (lib/i18n/routing.ts): an operator working in English may publish a Japanese banner.
 * zh-HK sits beside zh-TW so Hong Kong pages (PDPO) can use local wording; both are
 * Traditional Chinese.
 */
export const SUPPORTED_CONTENT_LOCALES = ["en", "zh-CN", "zh-TW", "zh-HK", "ja", "ko", "fr", "de", "es"] as const;

export const localeSchema = z.enum(SUPPORTED_CONTENT_LOCALES);
export type Locale = z.infer<typeof localeSchema>;
/** The same type, for modules that also import the console's own `Locale` (lib/i18n/routing). */
export type ContentLocale = Locale;

export function isContentLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_CONTENT_LOCALES as readonly string[]).includes(value);
}

/** Offered languages: at least one, each once, in the order the switcher shows them. */
export const offeredLocalesSchema = z
  .array(localeSchema)
  .min(1)
  .refine((locales) => new Set(locales).size === locales.length, { message: "Each locale may be offered once" });

export const MAX_TEXT_LENGTH = 2000;

/**
 * Customer-written text, one string per language. Partial on purpose: a draft is allowed to
 * lack translations (publishing reports them), and text for a language that is no longer
 * offered is kept so re-adding the language restores it.
 */
export const localizedTextSchema = z.partialRecord(localeSchema, z.string().max(MAX_TEXT_LENGTH));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export function hasText(text: LocalizedText, locale: Locale): boolean {
  return (text[locale] ?? "").trim().length > 0;
}

/**
 * The string to show in `locale`, else in `fallback` (the document's default locale), else "".
 * Falling back keeps a half-translated draft previewable; publishing never relies on it.
 */
export function textFor(text: LocalizedText, locale: Locale, fallback?: Locale): string {
  if (hasText(text, locale)) return text[locale] ?? "";
  if (fallback !== undefined && hasText(text, fallback)) return text[fallback] ?? "";
  return "";
}

/** Empty strings for each offered language: what a freshly added block starts with. */
export function emptyText(locales: readonly Locale[]): LocalizedText {
  return Object.fromEntries(locales.map((locale) => [locale, ""]));
}
