import { childBlocks, findBlock, type BlockType, type ExperienceDocument } from "@/lib/experience";

/** The type of block `id`, or null: lets the UI name a block in the operator's language. */
export function blockTypeOf(document: ExperienceDocument, id: string): BlockType | null {
  return findBlock(document, id)?.block.type ?? null;
}

export interface BlockPosition {
  parentId: string | null;
  /** null at the top level. */
  parentType: BlockType | null;
  /** 0-based. */
  index: number;
  /** How many blocks share the list, this one included. */
  siblings: number;
}

/**
 * Where a block sits, for announcements such as "Heading moved to position 3 of 5 in Columns";
 * the words come from the console's message files.
 */
export function positionOf(document: ExperienceDocument, id: string): BlockPosition | null {
  const found = findBlock(document, id);
  if (found === null) return null;
  const parent = found.parentId === null ? null : findBlock(document, found.parentId);
  const siblings = parent === null ? document.blocks : childBlocks(parent.block);
  return { parentId: found.parentId, parentType: parent?.block.type ?? null, index: found.index, siblings: siblings.length };
}
