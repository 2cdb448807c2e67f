import { closestCenter, pointerWithin, type CollisionDetection, type UniqueIdentifier } from "@dnd-kit/core";
import { childBlocks, findBlock, type ExperienceDocument } from "@/lib/experience";

/**
 * Blocks nest, so several drop targets lie under the pointer at once: the innermost (smallest)
 * one is meant. Without a pointer (keyboard dragging) the closest centre wins.
 */
export const innermostCollision: CollisionDetection = (args) => {
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
 * (sortable semantics: the final index); over an empty list, at its end.
 */
export function dropTarget(document: ExperienceDocument, overId: string): DropTarget | null {
  if (overId.startsWith("list:")) {
    const parentId = overId === "list:root" ? null : overId.slice("list:".length);
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
