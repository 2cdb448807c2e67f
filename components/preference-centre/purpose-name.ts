import { allBlocks } from "@/lib/renderer-model/choices";
import type { ExperienceDocument } from "@/components/renderer/types";

/** A purpose's name as a page shows it: the text and the language it is in. */
export interface NameInLanguage {
  text: string;
  /** The BCP 47 code of `text`, for a `lang` attribute where it differs from the page's language. */
  lang: string;
}

/**
 * A purpose's name in the first of `preferred` it is written in, else in any language it has.
 * The language comes with it, so a name the page shows in another language than its own is
 * marked as such (WCAG 3.1.2) and read with the right voice. Pure; for server and client code.
 */
export function purposeName(name: Record<string, string>, preferred: readonly string[]): NameInLanguage {
  const lang = preferred.find((code) => name[code]) ?? Object.keys(name).find((code) => name[code]);
  return lang ? { text: name[lang]!, lang } : { text: "", lang: preferred[0] ?? "en" };
}

/**
 * What each purpose was called where the person met it: the label of its toggle in the
 * experience ("Personalised recommendations"), by purpose id, in the first of `preferred` it is
 * written in. A purpose without a labelled toggle is absent: the caller falls back to the
 * catalog's name. Only types from the document; pure.
 */
export function experienceLabels(document: ExperienceDocument, preferred: readonly string[]): Map<string, NameInLanguage> {
  const labels = new Map<string, NameInLanguage>();
  for (const block of allBlocks(document.blocks)) {
    if (block.type !== "purpose_toggle" || !block.purposeId || labels.has(block.purposeId)) continue;
    const written = Object.fromEntries(Object.entries(block.label).filter((entry): entry is [string, string] => (entry[1] ?? "").trim() !== ""));
    const label = purposeName(written, preferred);
    if (label.text !== "") labels.set(block.purposeId, label);
  }
  return labels;
}
