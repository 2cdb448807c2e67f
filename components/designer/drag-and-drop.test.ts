import type { ClientRect, DroppableContainer } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { dropOverOf, innermostCollision } from "./drag-and-drop";

const rect = (top: number, height: number, left = 0, width = 300): ClientRect => ({ top, height, left, width, bottom: top + height, right: left + width });

/** A list block (0–400) holding two blocks, and an end zone drawn as display: contents (no box). */
const rects = new Map<string, ClientRect>([
  ["box", rect(0, 400)],
  ["a", rect(10, 100)],
  ["b", rect(120, 100)],
  ["list:box", rect(0, 0, 0, 0)],
]);
const detect = (pointer: { x: number; y: number } | null) =>
  innermostCollision({
    active: { id: "palette:heading" } as never,
    collisionRect: rect(pointer?.y ?? 130, 20),
    droppableRects: rects,
    droppableContainers: [...rects.keys()].map((id) => ({ id, key: id, data: { current: {} }, disabled: false, node: { current: null }, rect: { current: rects.get(id) ?? null } }) as unknown as DroppableContainer),
    pointerCoordinates: pointer,
  });

describe("innermostCollision", () => {
  it("prefers the innermost target and names the half the pointer is in", () => {
    const upper = detect({ x: 50, y: 159 });
    expect(upper.map((collision) => collision.id)).toEqual(["b", "box"]);
    expect(upper[0]!.data?.half).toBe("upper");
    expect(detect({ x: 50, y: 171 })[0]!.data?.half).toBe("lower");
  });

  it("without a pointer (keyboard), the closest centre wins and no half is named", () => {
    const [first] = detect(null);
    expect(first!.id).toBe("b");
    expect(first!.data?.half).toBeUndefined();
  });
});

describe("dropOverOf", () => {
  it.each([
    ["list:root", { kind: "list", parentId: null }],
    ["list-end:root", { kind: "list", parentId: null }],
    ["list:box", { kind: "list", parentId: "box" }],
    ["list-end:box", { kind: "list", parentId: "box" }],
  ])("%s is a list's zone", (id, expected) => {
    expect(dropOverOf(id, null)).toEqual(expected);
  });

  it("a block, with the half its collision names (none for the keyboard)", () => {
    expect(dropOverOf("b", [{ id: "b", data: { half: "lower" } }])).toEqual({ kind: "block", id: "b", half: "lower" });
    expect(dropOverOf("b", [{ id: "b" }])).toEqual({ kind: "block", id: "b", half: null });
    expect(dropOverOf(undefined, [])).toBeNull();
  });
});
