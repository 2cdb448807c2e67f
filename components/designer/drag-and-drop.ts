import { closestCenter, pointerWithin, type Collision, type CollisionDetection, type UniqueIdentifier } from "@dnd-kit/core";
import type { DropOver } from "@/lib/designer";

/**
 * Blocks nest, so several drop targets lie under the pointer at once: the innermost (smallest)
 * one is meant. Each target under the pointer also says which half of it the pointer is in
 * (`data.half`): the upper half of a block inserts before it, the lower half after it. Without a
 * pointer (keyboard dragging) the closest centre wins and no half is named.
 */
export const innermostCollision: CollisionDetection = (args) => {
  // Wrappers drawn with display: contents have no box; they must never win on distance.
  const measured = args.droppableContainers.filter((container) => {
    const rect = args.droppableRects.get(container.id);
    return rect !== undefined && rect.width > 0 && rect.height > 0;
  });
  args = { ...args, droppableContainers: measured };
  const under = pointerWithin(args);
  const pointer = args.pointerCoordinates;
  if (under.length > 0 && pointer) {
    const area = (id: UniqueIdentifier) => {
      const rect = args.droppableRects.get(id);
      return rect ? rect.width * rect.height : Number.POSITIVE_INFINITY;
    };
    return [...under]
      .sort((a, b) => area(a.id) - area(b.id))
      .map((collision) => {
        const rect = args.droppableRects.get(collision.id)!;
        return { ...collision, data: { ...collision.data, half: pointer.y < rect.top + rect.height / 2 ? "upper" : "lower" } };
      });
  }
  return closestCenter(args);
};

/**
 * What the designer's drop targets mean (lib/designer's planDrop works in these terms): a list's
 * own zone (`list:<parent>` for an empty list, `list-end:<parent>` after its last block; `root`
 * is the top level), else a block, with the half the pointer is in from the collision.
 */
export function dropOverOf(overId: UniqueIdentifier | undefined, collisions: Collision[] | null): DropOver | null {
  if (overId === undefined) return null;
  const id = String(overId);
  const list = /^list(?:-end)?:(.+)$/.exec(id);
  if (list) return { kind: "list", parentId: list[1] === "root" ? null : list[1]! };
  const half = collisions?.find((collision) => collision.id === overId)?.data?.half;
  return { kind: "block", id, half: half === "upper" || half === "lower" ? half : null };
}
