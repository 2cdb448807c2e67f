import { describe, expect, it } from "vitest";
import type { Block } from "./blocks/block";
import { documentWith } from "./test-support";
import { blockPath, canContain, canPlace, findBlock, subtreeHeight, subtreeIds, walkBlocks } from "./tree";

const divider = (id: string): Block => ({ id, type: "divider" });
const container = (id: string, blocks: Block[]): Block => ({ id, type: "container", layout: "stack", columns: 2, blocks });

const document = documentWith([
  divider("a"),
  container("c1", [divider("b"), container("c2", [divider("c")])]),
  { id: "layer", type: "preferences_layer", title: {}, blocks: [divider("d")] },
]);

describe("walkBlocks / findBlock / blockPath", () => {
  it("visits parents before children in reading order, with depth and index", () => {
    expect(walkBlocks(document).map(({ block, parentId, index, depth }) => [block.id, parentId, index, depth])).toEqual([
      ["a", null, 0, 0],
      ["c1", null, 1, 0],
      ["b", "c1", 0, 1],
      ["c2", "c1", 1, 1],
      ["c", "c2", 0, 2],
      ["layer", null, 2, 0],
      ["d", "layer", 0, 1],
    ]);
  });

  it("finds nested blocks and their paths", () => {
    expect(findBlock(document, "c")).toMatchObject({ parentId: "c2", index: 0, depth: 2, indexPath: [1, 1, 0] });
    expect(findBlock(document, "missing")).toBeNull();
    expect(blockPath(document, "c")).toEqual(["c1", "c2", "c"]);
    expect(blockPath(document, "a")).toEqual(["a"]);
    expect(blockPath(document, "missing")).toBeNull();
  });

  it("measures subtrees", () => {
    const c1 = findBlock(document, "c1")!.block;
    expect(subtreeIds(c1)).toEqual(["c1", "b", "c2", "c"]);
    expect(subtreeHeight(c1)).toBe(2);
    expect(subtreeHeight(divider("x"))).toBe(0);
    expect(subtreeHeight(container("empty", []))).toBe(0);
  });
});

describe("canContain / canPlace", () => {
  it("lets the top level hold anything", () => {
    expect(canContain(null, "preferences_layer", 0)).toBe(true);
    expect(canContain(null, "heading", 0)).toBe(true);
  });

  it("keeps preferences layers at the top level and leaves inside nothing", () => {
    expect(canContain("container", "preferences_layer", 0)).toBe(false);
    expect(canContain("preferences_layer", "preferences_layer", 0)).toBe(false);
    expect(canContain("preferences_layer", "container", 0)).toBe(true);
    expect(canContain("heading", "divider", 0)).toBe(false);
  });

  it("stops at depth 3", () => {
    expect(canContain("container", "divider", 2)).toBe(true);
    expect(canContain("container", "divider", 3)).toBe(false);
  });

  it("counts the levels a moved container brings with it", () => {
    const c1 = findBlock(document, "c1")!.block;
    expect(canPlace(document, c1, null)).toBe(true);
    expect(canPlace(document, c1, "layer")).toBe(true);
    expect(canPlace(document, c1, "c2")).toBe(false);
    expect(canPlace(document, divider("x"), "c2")).toBe(true);
    expect(canPlace(document, divider("x"), "a")).toBe(false);
    expect(canPlace(document, divider("x"), "missing")).toBe(false);
  });
});
