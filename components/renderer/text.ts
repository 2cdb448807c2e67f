import type { ContentLocale, LocalizedText } from "./types";

/**
 * The string to show in `locale`, else in `fallback`, else "". Same rule as `textFor` in
 * lib/experience/localized.ts (a test keeps them in step); a copy because that module loads
 * zod, which the embed script must not carry.
 */
export function localText(text: LocalizedText | undefined, locale: ContentLocale, fallback: ContentLocale): string {
  const own = text?.[locale] ?? "";
  if (own.trim() !== "") return own;
  const other = text?.[fallback] ?? "";
  return other.trim() !== "" ? other : "";
}

/** A language's name in that language ("中文（台灣）", "Deutsch"), from the platform's CLDR data. */
export function ownLanguageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}
