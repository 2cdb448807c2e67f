import { findBlock, type ExperienceDocument, type Locale, type RegionCode } from "@/lib/experience";

/** Enough to undo a whole editing session of a banner; bounds memory on long sessions. */
export const HISTORY_LIMIT = 100;

export interface DesignerState {
  document: ExperienceDocument;
  selectedId: string | null;
  /** The language the canvas shows; always one of the document's offered locales. */
  previewLocale: Locale;
  /** The region whose variant the canvas shows; null = the shared document (every region). */
  previewRegion: RegionCode | null;
  /** Earlier documents, oldest first. */
  past: ExperienceDocument[];
  /** Undone documents, next redo first. */
  future: ExperienceDocument[];
  /** The coalesceKey of the last edit: further edits with the same key join its undo step. */
  lastCoalesceKey: string | null;
}

export function initialDesignerState(document: ExperienceDocument): DesignerState {
  return { document, selectedId: null, previewLocale: document.defaultLocale, previewRegion: null, past: [], future: [], lastCoalesceKey: null };
}

/**
 * After the document changed under it (undo, redo, load, locales edited), the selection must
 * still name a block and the preview a language the document offers.
 */
export function settle(state: DesignerState): DesignerState {
  const { document } = state;
  const selectedId = state.selectedId !== null && findBlock(document, state.selectedId) !== null ? state.selectedId : null;
  const previewLocale = document.locales.includes(state.previewLocale) ? state.previewLocale : document.defaultLocale;
  return selectedId === state.selectedId && previewLocale === state.previewLocale ? state : { ...state, selectedId, previewLocale };
}
