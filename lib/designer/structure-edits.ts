import {
  blockSchema,
  canPlace,
  childBlocks,
  findBlock,
  subtreeIds,
  walkBlocks,
  type Block,
  type ExperienceDocument,
} from "@/lib/experience";
import { insertBlock, removeBlock } from "./tree-edits";

/** A document edit, with the selection it leaves behind (undefined = unchanged); null = refused. */
export type Edit = { document: ExperienceDocument; selectedId?: string | null } | null;

function siblingsOf(document: ExperienceDocument, parentId: string | null): readonly Block[] {
  if (parentId === null) return document.blocks;
  const parent = findBlock(document, parentId);
  return parent === null ? [] : childBlocks(parent.block);
}

/** A new block (or a copy) is acceptable if well-formed and none of its ids is taken. */
function isInsertable(document: ExperienceDocument, block: Block): boolean {
  if (!blockSchema.safeParse(block).success) return false;
  const incoming = subtreeIds(block);
  if (new Set(incoming).size !== incoming.length) return false;
  const taken = new Set(walkBlocks(document).map((visit) => visit.block.id));
  return incoming.every((id) => !taken.has(id));
}

export function addBlock(document: ExperienceDocument, block: Block, parentId: string | null, index: number): Edit {
  if (!Number.isInteger(index) || !isInsertable(document, block) || !canPlace(document, block, parentId)) return null;
  return { document: { ...document, blocks: insertBlock(document.blocks, parentId, index, block) }, selectedId: block.id };
}

export function duplicateBlock(document: ExperienceDocument, id: string, copy: Block): Edit {
  const original = findBlock(document, id);
  if (original === null) return null;
  return addBlock(document, copy, original.parentId, original.index + 1);
}

/**
 * Moves block `id` to position `index` among the children of `parentId`, counted after it left
 * its old place. Refused: into itself or its own descendants, past the nesting limit, or a
 * preferences layer into a container.
 */
export function moveBlock(document: ExperienceDocument, id: string, parentId: string | null, index: number): Edit {
  const found = findBlock(document, id);
  if (found === null || !Number.isInteger(index)) return null;
  if (parentId !== null && subtreeIds(found.block).includes(parentId)) return null;
  const without: ExperienceDocument = { ...document, blocks: removeBlock(document.blocks, id).blocks };
  if (!canPlace(without, found.block, parentId)) return null;
  const finalIndex = Math.min(Math.max(0, index), siblingsOf(without, parentId).length);
  if (parentId === found.parentId && finalIndex === found.index) return null;
  return { document: { ...without, blocks: insertBlock(without.blocks, parentId, finalIndex, found.block) } };
}

/** One step within its own list; the keyboard alternative to dragging (WCAG 2.5.7). */
export function moveBy(document: ExperienceDocument, id: string, step: -1 | 1): Edit {
  const found = findBlock(document, id);
  if (found === null) return null;
  const target = found.index + step;
  if (target < 0 || target >= siblingsOf(document, found.parentId).length) return null;
  return moveBlock(document, id, found.parentId, target);
}

/**
 * Removes a block with everything inside it. If the selection was in what went away, it moves
 * to the block now in its place, else the one before, else the parent, so keyboard focus has
 * somewhere sensible to land.
 */
export function deleteBlock(document: ExperienceDocument, id: string, selectedId: string | null): Edit {
  const found = findBlock(document, id);
  if (found === null) return null;
  const next: ExperienceDocument = { ...document, blocks: removeBlock(document.blocks, id).blocks };
  if (selectedId === null || !subtreeIds(found.block).includes(selectedId)) return { document: next };
  const siblings = siblingsOf(next, found.parentId);
  const neighbour = siblings[found.index] ?? siblings[found.index - 1];
  return { document: next, selectedId: neighbour?.id ?? found.parentId };
}
