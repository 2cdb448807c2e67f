import { childBlocks, isParentBlock, type Block } from "@/lib/experience";

// Immutable edits of a block tree. Untouched subtrees keep their identity, so the canvas can
// skip re-rendering them and undo snapshots share memory.

/** The list with block `id` replaced by `replace(block)`; the same array when `id` is absent. */
export function replaceBlock(blocks: readonly Block[], id: string, replace: (block: Block) => Block): Block[] {
  let changed = false;
  const next = blocks.map((block) => {
    if (block.id === id) {
      changed = true;
      return replace(block);
    }
    if (!isParentBlock(block)) return block;
    const children = replaceBlock(block.blocks, id, replace);
    if (children === block.blocks) return block;
    changed = true;
    return { ...block, blocks: children };
  });
  return changed ? next : (blocks as Block[]);
}

/** The list without block `id` (wherever it is nested), and the removed block. */
export function removeBlock(blocks: readonly Block[], id: string): { blocks: Block[]; removed: Block | null } {
  const index = blocks.findIndex((block) => block.id === id);
  if (index >= 0) return { blocks: blocks.filter((_, i) => i !== index), removed: blocks[index] ?? null };
  for (const [i, block] of blocks.entries()) {
    if (!isParentBlock(block)) continue;
    const inner = removeBlock(block.blocks, id);
    if (inner.removed === null) continue;
    const next = [...blocks];
    next[i] = { ...block, blocks: inner.blocks };
    return { blocks: next, removed: inner.removed };
  }
  return { blocks: blocks as Block[], removed: null };
}

function insertAt(list: readonly Block[], index: number, block: Block): Block[] {
  const at = Math.min(Math.max(0, index), list.length);
  return [...list.slice(0, at), block, ...list.slice(at)];
}

/** The list with `block` inserted under `parentId` (null = top level), index clamped to the list. */
export function insertBlock(blocks: readonly Block[], parentId: string | null, index: number, block: Block): Block[] {
  if (parentId === null) return insertAt(blocks, index, block);
  return replaceBlock(blocks, parentId, (parent) =>
    isParentBlock(parent) ? { ...parent, blocks: insertAt(parent.blocks, index, block) } : parent,
  );
}

/**
 * A deep copy of `block` in which it and every block inside it get a fresh id from `ids`:
 * what "duplicate" inserts. Lives outside the reducer because minting ids is not pure.
 */
export function cloneWithNewIds<T extends Block>(block: T, ids: () => string): T {
  const copy = structuredClone(block);
  const renew = (target: Block) => {
    target.id = ids();
    for (const child of childBlocks(target)) renew(child);
  };
  renew(copy);
  return copy;
}
