import { describe, expect, it } from "vitest";
import { emptyDocument, type Block, type ExperienceDocument } from "@/lib/experience";
import { dropTarget, positionOfBlock } from "./drag-and-drop";

const heading = (id: string): Block => ({ id, type: "heading", level: 2, text: { en: id } });
const doc: ExperienceDocument = {
  ...emptyDocument("preference_page", ["en"], "en"),
  blocks: [heading("a"), { id: "box", type: "container", layout: "stack", columns: 2, blocks: [heading("b"), heading("c")] }, heading("d")],
};

describe("dropTarget", () => {
  it.each([
    ["a", { parentId: null, index: 0 }],
    ["d", { parentId: null, index: 2 }],
    ["c", { parentId: "box", index: 1 }],
    ["list:root", { parentId: null, index: 3 }],
    ["list-end:root", { parentId: null, index: 3 }],
    ["list:box", { parentId: "box", index: 2 }],
    ["list-end:box", { parentId: "box", index: 2 }],
    ["missing", null],
    ["list:missing", null],
  ])("over %s → %j", (over, expected) => {
    expect(dropTarget(doc, over)).toEqual(expected);
  });
});

describe("positionOfBlock", () => {
  it("counts within the block's own list, 1-based", () => {
    expect(positionOfBlock(doc, "d")).toEqual({ position: 3, count: 3 });
    expect(positionOfBlock(doc, "c")).toEqual({ position: 2, count: 2 });
    expect(positionOfBlock(doc, "nope")).toBeNull();
  });
});
