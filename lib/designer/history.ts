import type { ExperienceDocument } from "@/lib/experience";
import { HISTORY_LIMIT, settle, type DesignerState } from "./state";
import type { Edit } from "./structure-edits";

/**
 * Applies an edit as one undo step, or folds it into the previous step when it continues the
 * same typing run (same non-null coalesceKey). A refused edit leaves the state untouched.
 */
export function commit(state: DesignerState, edit: Edit, coalesceKey: string | null = null): DesignerState {
  if (edit === null) return state;
  const continues = coalesceKey !== null && coalesceKey === state.lastCoalesceKey;
  return settle({
    ...state,
    document: edit.document,
    selectedId: edit.selectedId === undefined ? state.selectedId : edit.selectedId,
    past: continues ? state.past : [...state.past, state.document].slice(-HISTORY_LIMIT),
    future: [],
    lastCoalesceKey: coalesceKey,
  });
}

export function undo(state: DesignerState): DesignerState {
  const previous = state.past.at(-1);
  if (previous === undefined) return state;
  return settle({
    ...state,
    document: previous,
    past: state.past.slice(0, -1),
    future: [state.document, ...state.future],
    lastCoalesceKey: null,
  });
}

export function redo(state: DesignerState): DesignerState {
  const [next, ...rest] = state.future;
  if (next === undefined) return state;
  return settle({
    ...state,
    document: next,
    past: [...state.past, state.document].slice(-HISTORY_LIMIT),
    future: rest,
    lastCoalesceKey: null,
  });
}

export function load(state: DesignerState, document: ExperienceDocument): DesignerState {
  return settle({ ...state, document, past: [], future: [], lastCoalesceKey: null });
}
