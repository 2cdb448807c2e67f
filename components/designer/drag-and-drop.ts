import { closestCenter, pointerWithin, type CollisionDetection, type UniqueIdentifier } from "@dnd-kit/core";
import { childBlocks, findBlock, type ExperienceDocument } from "@/lib/experience";

/**
 * Blocks nest, so several drop targets lie under the pointer at once: the innermost (smallest)
 * one is meant. Without a pointer (keyboard dragging) the closest centre wins.
 */
export const innermostCollision: CollisionDetection = (args) => {
  // Wrappers drawn with display: contents have no box; they must never win on distance.
  const measured = args.droppableContainers.filter((container) => {
    const rect = args.droppableRects.get(container.id);
    return rect !== undefined && rect.width > 0 && rect.height > 0;
  });
  args = { ...args, droppableContainers: measured };
  const under = pointerWithin(args);
  if (under.length > 0) {
    const area = (id: UniqueIdentifier) => {
      const rect = args.droppableRects.get(id);
      return rect ? rect.width * rect.height : Number.POSITIVE_INFINITY;
    };
    return [...under].sort((a, b) => area(a.id) - area(b.id));
  }
  return closestCenter(args);
};

export interface DropTarget {
  parentId: string | null;
  index: number;
}

/**
 * Where a drop over `overId` puts a block: over a block, into that block's place in its list
 * (sortable semantics: the final index); over a list (empty, or its end zone), at its end.
 */
export function dropTarget(document: ExperienceDocument, overId: string): DropTarget | null {
  const list = /^list(?:-end)?:(.+)$/.exec(overId);
  if (list) {
    const parentId = list[1] === "root" ? null : list[1]!;
    if (parentId === null) return { parentId, index: document.blocks.length };
    const parent = findBlock(document, parentId);
    return parent ? { parentId, index: childBlocks(parent.block).length } : null;
  }
  const over = findBlock(document, overId);
  return over ? { parentId: over.parentId, index: over.index } : null;
}

/** Position (1-based) and list size of a block, for announcements. */
export function positionOfBlock(document: ExperienceDocument, id: string): { position: number; count: number } | null {
  const visit = findBlock(document, id);
  if (!visit) return null;
  const siblings = visit.parentId ? childBlocks(findBlock(document, visit.parentId)!.block) : document.blocks;
  return { position: visit.index + 1, count: siblings.length };
}

/** How many blocks a list holds (the root, or a container's). */
export function listLength(document: ExperienceDocument, parentId: string | null): number {
  if (parentId === null) return document.blocks.length;
  const parent = findBlock(document, parentId);
  return parent ? childBlocks(parent.block).length : 0;
}
