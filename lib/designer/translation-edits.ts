import { findBlock, hasTranslation, outdatedLocales, withOutdatedLocales, type ExperienceDocument, type Locale, type TranslatableField } from "@/lib/experience";
import type { Edit } from "./structure-edits";

/**
 * The translation marks after language `locale` of a text changed (`before` → `edit`): that
 * language is current again. If it was current and had text before, the change is a change of
 * meaning (not a translation catching up, nor a first translation), so every other offered
 * language with text may now be out of date. In one typing run only the first keystroke
 * decides (`continuing` is true for the rest): by then the marks already say what the run means.
 */
export function noteTextEdit(before: ExperienceDocument, edit: Edit, id: string, field: TranslatableField, locale: Locale, continuing: boolean): Edit {
  if (edit === null || continuing) return edit;
  const previous = findBlock(before, id)?.block;
  const next = findBlock(edit.document, id)?.block;
  if (!previous || !next) return edit;
  const marked = outdatedLocales(before.outdatedTranslations, id, field);
  const changesMeaning = !marked.includes(locale) && hasTranslation(previous, field, locale);
  const others = changesMeaning ? edit.document.locales.filter((other) => other !== locale && hasTranslation(next, field, other)) : [];
  const locales = [...marked.filter((other) => other !== locale), ...others];
  return { ...edit, document: withOutdatedLocales(edit.document, id, field, locales) };
}

/** The person checked language `locale` of the text and says it is current: its mark goes. */
export function markTranslationCurrent(document: ExperienceDocument, id: string, field: TranslatableField, locale: Locale): Edit {
  const marked = outdatedLocales(document.outdatedTranslations, id, field);
  if (!marked.includes(locale)) return null;
  return { document: withOutdatedLocales(document, id, field, marked.filter((other) => other !== locale)) };
}
