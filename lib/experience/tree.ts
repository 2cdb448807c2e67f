import { isParentType, type Block, type BlockType } from "./blocks/block";

/**
 * Depth of a block = how many containers enclose it (top-level blocks are 0). Three levels
 * covers "columns inside a stack inside the preferences layer"; deeper layouts do not fit a
 * banner on a phone and make keyboard navigation of the canvas tedious.
 */
export const MAX_BLOCK_DEPTH = 3;

/** Anything holding a block list: a document, or a container seen as a subtree. */
export interface BlockTree {
  readonly blocks: readonly Block[];
}

export interface BlockVisit {
  block: Block;
  parentId: string | null;
  index: number;
  depth: number;
  /** Index at each level from the top, e.g. [2, 0] = first child of the third top-level block. */
  indexPath: number[];
}

export function childBlocks(block: Block): readonly Block[] {
  return block.type === "container" || block.type === "preferences_layer" ? block.blocks : [];
}

/** Every block, parents before their children, in reading order. */
export function walkBlocks(tree: BlockTree): BlockVisit[] {
  const visits: BlockVisit[] = [];
  const visit = (blocks: readonly Block[], parentId: string | null, depth: number, prefix: number[]) => {
    blocks.forEach((block, index) => {
      const indexPath = [...prefix, index];
      visits.push({ block, parentId, index, depth, indexPath });
      visit(childBlocks(block), block.id, depth + 1, indexPath);
    });
  };
  visit(tree.blocks, null, 0, []);
  return visits;
}

export function findBlock(tree: BlockTree, id: string): BlockVisit | null {
  return walkBlocks(tree).find((visit) => visit.block.id === id) ?? null;
}

/** Ids from the top-level ancestor down to the block itself; null when absent. */
export function blockPath(tree: BlockTree, id: string): string[] | null {
  const found = findBlock(tree, id);
  if (found === null) return null;
  const path = [id];
  let parentId = found.parentId;
  while (parentId !== null) {
    path.unshift(parentId);
    parentId = findBlock(tree, parentId)?.parentId ?? null;
  }
  return path;
}

/** The block and every block inside it. */
export function subtreeIds(block: Block): string[] {
  return [block.id, ...walkBlocks({ blocks: childBlocks(block) }).map((visit) => visit.block.id)];
}

/** How many levels a block adds below itself: 0 for a leaf or an empty container. */
export function subtreeHeight(block: Block): number {
  const children = childBlocks(block);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map(subtreeHeight));
}

/**
 * Whether a block of `childType` may sit directly in a parent of `parentType` (null = the top
 * level) whose own depth is `depthOfParent` (ignored at the top level). The preferences layer
 * is a whole second screen, so it only exists at the top level.
 */
export function canContain(parentType: BlockType | null, childType: BlockType, depthOfParent: number): boolean {
  if (parentType === null) return true;
  if (!isParentType(parentType) || childType === "preferences_layer") return false;
  return depthOfParent + 1 <= MAX_BLOCK_DEPTH;
}

/**
 * Whether `block`, with everything inside it, may be placed under `parentId`. Unlike
 * canContain this also counts the block's own nested levels.
 */
export function canPlace(tree: BlockTree, block: Block, parentId: string | null): boolean {
  if (parentId === null) return subtreeHeight(block) <= MAX_BLOCK_DEPTH;
  const parent = findBlock(tree, parentId);
  if (parent === null) return false;
  if (!canContain(parent.block.type, block.type, parent.depth)) return false;
  return parent.depth + 1 + subtreeHeight(block) <= MAX_BLOCK_DEPTH;
}
