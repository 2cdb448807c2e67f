// Shared by the designer's unit tests.
import type { Block, ExperienceDocument } from "@/lib/experience";
import { documentWith } from "@/lib/experience/test-support";
import type { DesignerAction } from "./actions";
import { designerReducer } from "./reducer";
import { initialDesignerState, type DesignerState } from "./state";

export const divider = (id: string): Block => ({ id, type: "divider" });
export const heading = (id: string, en = ""): Block => ({ id, type: "heading", text: { en, "zh-CN": "" }, level: 2 });
export const container = (id: string, blocks: Block[] = []): Block => ({ id, type: "container", layout: "stack", columns: 2, blocks });
export const layer = (id: string, blocks: Block[] = []): Block => ({ id, type: "preferences_layer", title: {}, blocks });

/**
 *   a, b, c            (top level)
 *   box: [x, inner: [y]]
 *   layer: [z]
 */
export function sampleDocument(): ExperienceDocument {
  return documentWith([
    heading("a", "A"),
    divider("b"),
    divider("c"),
    container("box", [divider("x"), container("inner", [divider("y")])]),
    layer("layer", [divider("z")]),
  ]);
}

export function run(state: DesignerState, ...actions: DesignerAction[]): DesignerState {
  return actions.reduce(designerReducer, state);
}

export const start = (document: ExperienceDocument = sampleDocument()) => initialDesignerState(document);

/** Ids per list, e.g. { root: [...], box: [...] }, to assert tree shapes compactly. */
export function shape(document: ExperienceDocument): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  const visit = (key: string, blocks: readonly Block[]) => {
    lists[key] = blocks.map((block) => block.id);
    for (const block of blocks) if (block.type === "container" || block.type === "preferences_layer") visit(block.id, block.blocks);
  };
  visit("root", document.blocks);
  return lists;
}
