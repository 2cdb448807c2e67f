import { childBlocks, findBlock, type Block, type ExperienceDocument } from "@/lib/experience";
import { addBlock, moveBlock } from "./structure-edits";

/** What is being dragged: a block of the document, or a new one from the palette (ids already minted). */
export type DragSource = { kind: "block"; id: string } | { kind: "new"; block: Block };

/** What a drag is over. */
export type DropOver =
  /**
   * A block. `half` is the half of it the pointer is in: the upper half inserts before it, the
   * lower half after it. null without a pointer (keyboard dragging): the block's own place is
   * meant, as in a sortable list (moving down lands after it, anything else before it).
   */
  | { kind: "block"; id: string; half: "upper" | "lower" | null }
  /** A list's own zone (an empty list, or the strip after its last block): its end. */
  | { kind: "list"; parentId: string | null };

export interface DropPlan {
  parentId: string | null;
  /**
   * Where the insertion line is drawn: before this block of the list as it is drawn now, or
   * null at the list's end.
   */
  beforeId: string | null;
  /** The dragged block's final index among its new siblings: what add_block and move_block take. */
  index: number;
  /** The list's length once the block is there (announcements: "position 2 of 4"). */
  count: number;
  /** False when the block would land where it already is. */
  moves: boolean;
}

function siblings(document: ExperienceDocument, parentId: string | null): readonly Block[] | null {
  if (parentId === null) return document.blocks;
  const parent = findBlock(document, parentId);
  return parent === null ? null : childBlocks(parent.block);
}

/**
 * Where a drop lands, and where the insertion line shows it beforehand: both come from this one
 * function, so a block lands exactly where the line was. A drop the reducer would refuse (a
 * container into itself, a layer into a container, too deep) has no plan: null.
 */
export function planDrop(document: ExperienceDocument, source: DragSource, over: DropOver): DropPlan | null {
  const moving = source.kind === "block" ? findBlock(document, source.id) : null;
  if (source.kind === "block" && moving === null) return null;

  // The gap the block goes into, counted in the list as drawn now (0 = before the first block).
  let parentId: string | null;
  let gap: number;
  if (over.kind === "list") {
    parentId = over.parentId;
    const list = siblings(document, parentId);
    if (list === null) return null;
    gap = list.length;
  } else {
    const target = findBlock(document, over.id);
    if (target === null) return null;
    parentId = target.parentId;
    const movingDown = moving !== null && moving.parentId === parentId && moving.index < target.index;
    const after = over.half === null ? movingDown : over.half === "lower";
    gap = target.index + (after ? 1 : 0);
  }
  const list = siblings(document, parentId)!;

  // Leaving its old place first shifts later blocks of the same list up by one.
  const sameList = moving !== null && moving.parentId === parentId;
  const index = sameList && moving.index < gap ? gap - 1 : gap;
  const plan = { parentId, beforeId: list[gap]?.id ?? null, index, count: list.length + (sameList ? 0 : 1) };
  if (sameList && index === moving.index) return { ...plan, moves: false };
  const edit = source.kind === "new" ? addBlock(document, source.block, parentId, index) : moveBlock(document, source.id, parentId, index);
  return edit === null ? null : { ...plan, moves: true };
}
