"use client";

import { useTranslations } from "next-intl";
import { outdatedLocales, type Locale, type TranslatableField } from "@/lib/experience";
import { useDesigner } from "../designer-context";

export interface TranslationMarks {
  /** Languages of this text marked as possibly out of date. */
  outdated: readonly Locale[];
  onMarkCurrent: (locale: Locale) => void;
}

/** The "may be out of date" marks of one block's texts, and the way to clear them. */
export function useTranslationMarks(blockId: string): (field: TranslatableField) => TranslationMarks {
  const { state, dispatch } = useDesigner();
  return (field) => ({
    outdated: outdatedLocales(state.document.outdatedTranslations, blockId, field),
    onMarkCurrent: (locale) => dispatch({ type: "mark_translation_current", id: blockId, field, locale }),
  });
}

/**
 * Under one language of a text: says it may be out of date and lets the person, having checked
 * it, say it is current. Editing that language clears the mark too.
 */
export function OutdatedNote({ id, language, onMarkCurrent }: { id: string; language: string; onMarkCurrent: () => void }) {
  const t = useTranslations("designer");
  return (
    <p id={id} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded border border-amber-700 bg-amber-50 px-2 py-1 text-xs text-amber-950" data-testid="outdated-translation">
      <span>{t("outdated")}</span>
      <button type="button" className="min-h-6 font-medium underline focus-visible:outline-3 focus-visible:outline-sky-600" onClick={onMarkCurrent}>
        {t("markCurrent", { language })}
      </button>
    </p>
  );
}
