import { describe, expect, it } from "vitest";
import { counterIds } from "@/lib/experience/test-support";
import { cloneWithNewIds } from "./tree-edits";
import { blockTypeOf, positionOf } from "./position";
import { container, divider, sampleDocument } from "./test-support";

describe("positionOf / blockTypeOf", () => {
  it("say where a block is, for announcements", () => {
    const document = sampleDocument();
    expect(positionOf(document, "inner")).toEqual({ parentId: "box", parentType: "container", index: 1, siblings: 2 });
    expect(positionOf(document, "c")).toEqual({ parentId: null, parentType: null, index: 2, siblings: 5 });
    expect(positionOf(document, "missing")).toBeNull();
    expect(blockTypeOf(document, "layer")).toBe("preferences_layer");
    expect(blockTypeOf(document, "missing")).toBeNull();
  });
});

describe("cloneWithNewIds", () => {
  it("renews every id in the subtree and leaves the original untouched", () => {
    const original = container("box", [divider("x"), container("inner", [divider("y")])]);
    const copy = cloneWithNewIds(original, counterIds("n"));
    expect(copy).toEqual(container("n1", [divider("n2"), container("n3", [divider("n4")])]));
    expect(original).toEqual(container("box", [divider("x"), container("inner", [divider("y")])]));
  });
});
