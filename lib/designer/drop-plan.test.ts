import { describe, expect, it } from "vitest";
import { planDrop, type DragSource, type DropOver } from "./drop-plan";
import { container, divider, layer, run, shape, start } from "./test-support";

//   a, b, c            (top level)
//   box: [x, inner: [y]]
//   layer: [z]
const fresh: DragSource = { kind: "new", block: divider("new") };
const block = (id: string): DragSource => ({ kind: "block", id });
const over = (id: string, half: "upper" | "lower" | null): DropOver => ({ kind: "block", id, half });
const list = (parentId: string | null): DropOver => ({ kind: "list", parentId });

/** Drops as the designer does: plan, then the action the plan names. */
function drop(source: DragSource, target: DropOver) {
  const state = start();
  const plan = planDrop(state.document, source, target);
  if (plan === null || !plan.moves) return { plan, root: shape(state.document).root };
  const action =
    source.kind === "new"
      ? ({ type: "add_block", block: source.block, parentId: plan.parentId, index: plan.index } as const)
      : ({ type: "move_block", id: source.id, parentId: plan.parentId, index: plan.index } as const);
  return { plan, ...shape(run(state, action).document) };
}

describe("planDrop from the palette", () => {
  it("lands below a block when dropped on its lower half, above it on its upper half", () => {
    expect(drop(fresh, over("b", "lower"))).toMatchObject({ plan: { parentId: null, beforeId: "c", index: 2, count: 6, moves: true }, root: ["a", "b", "new", "c", "box", "layer"] });
    expect(drop(fresh, over("b", "upper"))).toMatchObject({ plan: { beforeId: "b", index: 1 }, root: ["a", "new", "b", "c", "box", "layer"] });
    expect(drop(fresh, over("a", "upper")).root).toEqual(["new", "a", "b", "c", "box", "layer"]);
  });

  it("after the last block of a list the line sits at the list's end", () => {
    expect(drop(fresh, over("layer", "lower"))).toMatchObject({ plan: { parentId: null, beforeId: null, index: 5 }, root: ["a", "b", "c", "box", "layer", "new"] });
    expect(drop(fresh, over("inner", "lower"))).toMatchObject({ plan: { parentId: "box", beforeId: null, index: 2, count: 3 }, box: ["x", "inner", "new"] });
  });

  it("a list's own zone appends", () => {
    expect(drop(fresh, list(null))).toMatchObject({ plan: { beforeId: null, index: 5 }, root: ["a", "b", "c", "box", "layer", "new"] });
    expect(drop(fresh, list("inner"))).toMatchObject({ plan: { parentId: "inner", index: 1 }, inner: ["y", "new"] });
  });

  it("without a pointer, takes the block's place (before it)", () => {
    expect(drop(fresh, over("b", null)).root).toEqual(["a", "new", "b", "c", "box", "layer"]);
  });

  it("has no plan where the reducer would refuse the block", () => {
    const state = start();
    expect(planDrop(state.document, { kind: "new", block: layer("layer2") }, over("x", "lower"))).toBeNull();
    expect(planDrop(state.document, { kind: "new", block: container("deep", [container("deeper", [divider("deepest")])]) }, list("inner"))).toBeNull();
    expect(planDrop(state.document, fresh, over("missing", "upper"))).toBeNull();
    expect(planDrop(state.document, fresh, list("missing"))).toBeNull();
  });
});

describe("planDrop of a block already on the canvas", () => {
  it("moving down: the lower half of a later block lands right after it", () => {
    expect(drop(block("a"), over("c", "lower"))).toMatchObject({ plan: { beforeId: "box", index: 2, count: 5 }, root: ["b", "c", "a", "box", "layer"] });
    expect(drop(block("a"), over("c", "upper"))).toMatchObject({ plan: { beforeId: "c", index: 1 }, root: ["b", "a", "c", "box", "layer"] });
  });

  it("moving up: the upper half of an earlier block lands right before it", () => {
    expect(drop(block("c"), over("a", "upper")).root).toEqual(["c", "a", "b", "box", "layer"]);
    expect(drop(block("c"), over("a", "lower")).root).toEqual(["a", "c", "b", "box", "layer"]);
  });

  it("next to itself it stays where it is: a plan that does not move", () => {
    expect(drop(block("b"), over("b", "upper")).plan).toMatchObject({ moves: false, index: 1, count: 5 });
    expect(drop(block("b"), over("a", "lower")).plan).toMatchObject({ moves: false, index: 1 });
    expect(drop(block("b"), over("c", "upper")).plan).toMatchObject({ moves: false, index: 1 });
    expect(drop(block("layer"), list(null)).plan).toMatchObject({ moves: false, index: 4 });
  });

  it("into another list", () => {
    expect(drop(block("a"), over("x", "lower"))).toMatchObject({ plan: { parentId: "box", index: 1, count: 3 }, root: ["b", "c", "box", "layer"], box: ["x", "a", "inner"] });
    expect(drop(block("y"), over("a", "upper"))).toMatchObject({ root: ["y", "a", "b", "c", "box", "layer"], inner: [] });
  });

  it("without a pointer follows a sortable list: moving down lands after the block, up before it", () => {
    expect(drop(block("a"), over("c", null)).root).toEqual(["b", "c", "a", "box", "layer"]);
    expect(drop(block("c"), over("a", null)).root).toEqual(["c", "a", "b", "box", "layer"]);
    expect(drop(block("a"), over("a", null)).plan).toMatchObject({ moves: false, index: 0, count: 5 });
  });

  it("has no plan into itself or its own descendants", () => {
    const state = start();
    expect(planDrop(state.document, block("box"), over("y", "lower"))).toBeNull();
    expect(planDrop(state.document, block("box"), list("inner"))).toBeNull();
    expect(planDrop(state.document, block("missing"), list(null))).toBeNull();
  });
});
