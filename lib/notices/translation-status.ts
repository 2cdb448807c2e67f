import type { Locale } from "@/lib/experience/localized";
import { plainTextOf } from "@/lib/experience/rich-text";
import type { NoticeVersion } from "./schemas";

export type TranslationState = "missing" | "outdated" | "current";

/**
 * Where each offered locale of a version stands against the source locale: `missing` when it
 * has no text, `outdated` when the source changed after it did (localeUpdatedAt is kept by
 * the database whenever a locale's content changes), `current` otherwise. The source locale
 * itself is never outdated.
 */
export function translationStatus(
  version: Pick<NoticeVersion, "content" | "localeUpdatedAt">,
  sourceLocale: Locale,
  locales: readonly Locale[],
): { locale: Locale; status: TranslationState }[] {
  const sourceChanged = version.localeUpdatedAt[sourceLocale];
  return locales.map((locale) => {
    const doc = version.content[locale];
    if (!doc || plainTextOf(doc).trim() === "") return { locale, status: "missing" };
    if (locale === sourceLocale || sourceChanged === undefined) return { locale, status: "current" };
    const changed = version.localeUpdatedAt[locale];
    // Changed in the same save as the source (equal times) counts as translated together.
    return { locale, status: changed === undefined || isBefore(changed, sourceChanged) ? "outdated" : "current" };
  });
}

// The database writes "2026-11-23T20:00:00.123456Z": same width, so comparing the strings keeps
// the microseconds Date would drop. Anything else is compared as a Date.
const DATABASE_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function isBefore(stamp: string, reference: string): boolean {
  if (DATABASE_STAMP.test(stamp) && DATABASE_STAMP.test(reference)) return stamp < reference;
  const time = Date.parse(stamp);
  const referenceTime = Date.parse(reference);
  if (Number.isNaN(time) || Number.isNaN(referenceTime)) return Number.isNaN(time);
  return time < referenceTime;
}
