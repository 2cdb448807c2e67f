import { findBlock } from "@/lib/experience";
import type { DesignerAction } from "./actions";
import { setKind, setLocales, setRichText, setText, setTheme, updateBlock } from "./content-edits";
import { commit, load, redo, undo } from "./history";
import type { DesignerState } from "./state";
import { markTranslationCurrent, noteTextEdit } from "./translation-edits";
import { addBlock, deleteBlock, duplicateBlock, moveBlock, moveBy } from "./structure-edits";
import { resetVariant, setBlockHidden, setVariantDefaultOn, setVariantLocales, setVariantPosition } from "./variant-edits";

/** Whether an edit continues the typing run of the previous one (see commit). */
const continuesRun = (state: DesignerState, coalesceKey: string | undefined) => coalesceKey !== undefined && coalesceKey === state.lastCoalesceKey;

/**
 * The designer's one state transition. Pure and deterministic: React's useReducer runs it,
 * tests call it directly. Document edits go through `commit`, which records undo history;
 * selection, preview language and preview region do not, but do end a typing run.
 */
export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const { document } = state;
  switch (action.type) {
    case "add_block":
      return commit(state, addBlock(document, action.block, action.parentId, action.index));
    case "move_block":
      return commit(state, moveBlock(document, action.id, action.parentId, action.index));
    case "move_up":
      return commit(state, moveBy(document, action.id, -1));
    case "move_down":
      return commit(state, moveBy(document, action.id, 1));
    case "update_block":
      return commit(state, updateBlock(document, action.id, action.patch));
    case "set_text": {
      const edit = setText(document, action.id, action.field, action.locale, action.value);
      return commit(state, noteTextEdit(document, edit, action.id, action.field, action.locale, continuesRun(state, action.coalesceKey)), action.coalesceKey ?? null);
    }
    case "set_rich_text": {
      const edit = setRichText(document, action.id, action.locale, action.doc);
      return commit(state, noteTextEdit(document, edit, action.id, "content", action.locale, continuesRun(state, action.coalesceKey)), action.coalesceKey ?? null);
    }
    case "mark_translation_current":
      return commit(state, markTranslationCurrent(document, action.id, action.field, action.locale));
    case "duplicate_block":
      return commit(state, duplicateBlock(document, action.id, action.copy));
    case "delete_block":
      return commit(state, deleteBlock(document, action.id, state.selectedId));
    case "set_theme":
      return commit(state, setTheme(document, action.patch));
    case "set_kind":
      return commit(state, setKind(document, action.kind));
    case "set_locales":
      return commit(state, setLocales(document, action.locales, action.defaultLocale));
    case "set_consent_mode": {
      const { consentMode: _previous, ...rest } = document;
      return commit(state, { document: Object.keys(action.consentMode).length > 0 ? { ...rest, consentMode: action.consentMode } : rest });
    }
    case "select":
      if (action.id !== null && findBlock(document, action.id) === null) return state;
      return { ...state, selectedId: action.id, lastCoalesceKey: null };
    case "set_preview_locale":
      if (!document.locales.includes(action.locale)) return state;
      return { ...state, previewLocale: action.locale, lastCoalesceKey: null };
    case "set_preview_region":
      return { ...state, previewRegion: action.region, lastCoalesceKey: null };
    case "set_block_hidden":
      return commit(state, setBlockHidden(document, action.region, action.id, action.hidden));
    case "set_variant_default_on":
      return commit(state, setVariantDefaultOn(document, action.region, action.id, action.defaultOn));
    case "set_variant_locales":
      return commit(state, setVariantLocales(document, action.region, action.locales, action.defaultLocale));
    case "set_variant_position":
      return commit(state, setVariantPosition(document, action.region, action.position));
    case "reset_variant":
      return commit(state, resetVariant(document, action.region));
    case "undo":
      return undo(state);
    case "redo":
      return redo(state);
    case "load":
      return load(state, action.document);
  }
}
