// Editor state for the designer: a pure reducer of named actions with an undo history.
// No React here: components/designer wraps it in a context hook.
export type { DesignerAction } from "./actions";
export { cloneWithNewIds } from "./tree-edits";
export { positionOf } from "./position";
export { planDrop, type DragSource, type DropOver, type DropPlan } from "./drop-plan";
export { designerReducer } from "./reducer";
export { initialDesignerState, type DesignerState } from "./state";
