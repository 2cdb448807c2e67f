import { describe, expect, it } from "vitest";
import { draftDocumentSchema, walkBlocks } from "@/lib/experience";
import { counterIds } from "@/lib/experience/test-support";
import { cloneWithNewIds } from "./tree-edits";
import { container, divider, heading, layer, run, shape, start } from "./test-support";

describe("add_block", () => {
  it("inserts at the top level or into a container, selects it and records one undo step", () => {
    const state = run(start(), { type: "add_block", block: divider("new"), parentId: "box", index: 1 });
    expect(shape(state.document).box).toEqual(["x", "new", "inner"]);
    expect(state.selectedId).toBe("new");
    expect(state.past).toHaveLength(1);
    expect(shape(run(start(), { type: "add_block", block: divider("top"), parentId: null, index: 0 }).document).root?.[0]).toBe("top");
  });

  it("clamps the index to the list", () => {
    const state = run(start(), { type: "add_block", block: divider("new"), parentId: "layer", index: 99 });
    expect(shape(state.document).layer).toEqual(["z", "new"]);
  });

  it.each([
    ["an id already in use", divider("x"), "box"],
    ["a block that is not a parent", divider("new"), "a"],
    ["a parent that does not exist", divider("new"), "nowhere"],
    ["a preferences layer into a container", layer("layer2"), "box"],
    ["a container past the depth limit", container("deep", [container("deeper", [divider("deepest")])]), "inner"],
    ["a malformed block", { id: "bad id", type: "divider" } as never, null],
  ])("refuses %s", (_case, block, parentId) => {
    const before = start();
    expect(run(before, { type: "add_block", block, parentId, index: 0 })).toBe(before);
  });
});

describe("move_block", () => {
  it("reorders within a list (index = final position)", () => {
    expect(shape(run(start(), { type: "move_block", id: "a", parentId: null, index: 2 }).document).root).toEqual(["b", "c", "a", "box", "layer"]);
    expect(shape(run(start(), { type: "move_block", id: "c", parentId: null, index: 0 }).document).root).toEqual(["c", "a", "b", "box", "layer"]);
  });

  it("nests into a container and un-nests out of it", () => {
    const nested = run(start(), { type: "move_block", id: "b", parentId: "inner", index: 0 });
    expect(shape(nested.document)).toMatchObject({ root: ["a", "c", "box", "layer"], inner: ["b", "y"] });
    const back = run(nested, { type: "move_block", id: "y", parentId: null, index: 1 });
    expect(shape(back.document)).toMatchObject({ root: ["a", "y", "c", "box", "layer"], inner: ["b"] });
    expect(draftDocumentSchema.safeParse(back.document).success).toBe(true);
  });

  it("moves a whole container into the preferences layer", () => {
    const state = run(start(), { type: "move_block", id: "box", parentId: "layer", index: 0 });
    expect(shape(state.document)).toMatchObject({ root: ["a", "b", "c", "layer"], layer: ["box", "z"], box: ["x", "inner"] });
  });

  it.each([
    ["into itself", "box", "box"],
    ["into its own descendant", "box", "inner"],
    ["a preferences layer into a container", "layer", "box"],
    ["into a leaf", "b", "a"],
    ["to a parent that does not exist", "b", "nowhere"],
  ])("refuses moving %s", (_case, id, parentId) => {
    const before = start();
    expect(run(before, { type: "move_block", id, parentId, index: 0 })).toBe(before);
  });

  it("refuses a container whose contents would end up too deep (depth counts from 0 at the top)", () => {
    const before = start();
    const withDeep = run(before, { type: "add_block", block: container("two", [container("levels", [divider("leaf")])]), parentId: null, index: 0 });
    expect(run(withDeep, { type: "move_block", id: "two", parentId: "box", index: 0 }).document).not.toBe(withDeep.document);
    expect(run(withDeep, { type: "move_block", id: "two", parentId: "inner", index: 0 })).toBe(withDeep);
  });

  it("treats a move to the same place as nothing (no undo step)", () => {
    const before = start();
    expect(run(before, { type: "move_block", id: "b", parentId: null, index: 1 })).toBe(before);
    expect(run(before, { type: "move_block", id: "missing", parentId: null, index: 1 })).toBe(before);
  });
});

describe("move_up / move_down", () => {
  it("swaps with the neighbour inside the same list", () => {
    expect(shape(run(start(), { type: "move_down", id: "a" }).document).root).toEqual(["b", "a", "c", "box", "layer"]);
    expect(shape(run(start(), { type: "move_up", id: "inner" }).document).box).toEqual(["inner", "x"]);
  });

  it("does nothing at either end", () => {
    const before = start();
    expect(run(before, { type: "move_up", id: "a" })).toBe(before);
    expect(run(before, { type: "move_down", id: "layer" })).toBe(before);
    expect(run(before, { type: "move_up", id: "x" })).toBe(before);
    expect(run(before, { type: "move_down", id: "inner" })).toBe(before);
  });
});

describe("duplicate_block", () => {
  it("inserts a copy with fresh ids right after the original and selects it", () => {
    const before = start();
    const original = walkBlocks(before.document).find(({ block }) => block.id === "box")!.block;
    const copy = cloneWithNewIds(original, counterIds("copy"));
    const state = run(before, { type: "duplicate_block", id: "box", copy });
    expect(shape(state.document)).toMatchObject({ root: ["a", "b", "c", "box", "copy1", "layer"], copy1: ["copy2", "copy3"], copy3: ["copy4"] });
    expect(state.selectedId).toBe("copy1");
    expect(draftDocumentSchema.safeParse(state.document).success).toBe(true);
    // The copy is independent of the original.
    expect(original).toEqual(container("box", [divider("x"), container("inner", [divider("y")])]));
  });

  it("refuses a copy that reuses ids", () => {
    const before = start();
    expect(run(before, { type: "duplicate_block", id: "a", copy: heading("b") })).toBe(before);
  });
});

describe("delete_block", () => {
  it("removes the block with its contents and selects the block now in its place", () => {
    const state = run(start(), { type: "select", id: "b" }, { type: "delete_block", id: "b" });
    expect(shape(state.document).root).toEqual(["a", "c", "box", "layer"]);
    expect(state.selectedId).toBe("c");
  });

  it("selects the previous block when the last one goes, then the parent when none is left", () => {
    const last = run(start(), { type: "select", id: "inner" }, { type: "delete_block", id: "inner" });
    expect(last.selectedId).toBe("x");
    const only = run(start(), { type: "select", id: "z" }, { type: "delete_block", id: "z" });
    expect(only.selectedId).toBe("layer");
    const top = run(start({ ...start().document, blocks: [divider("solo")] }), { type: "select", id: "solo" }, { type: "delete_block", id: "solo" });
    expect(top.selectedId).toBeNull();
  });

  it("moves the selection out of a deleted container, and leaves an unrelated selection alone", () => {
    expect(run(start(), { type: "select", id: "y" }, { type: "delete_block", id: "box" }).selectedId).toBe("layer");
    expect(run(start(), { type: "select", id: "a" }, { type: "delete_block", id: "box" }).selectedId).toBe("a");
  });
});
