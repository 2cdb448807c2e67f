import { z } from "zod";

/** Ids are minted by the designer; the charset keeps them safe in DOM ids and URLs. */
export const blockIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  message: "Block ids are 1-64 letters, digits, _ or -",
});

/** Ids of catalog rows (purposes, topics, notices): database uuids. */
export const catalogIdSchema = z.guid();

/**
 * JSON nesting a real document never reaches (3 container levels plus the deepest rich text
 * is about 25), yet far below what would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Measured with an explicit stack: recursing over hostile input is what this guards against. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > limit) return true;
    if (node !== null && typeof node === "object") {
      for (const child of Object.values(node)) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The top-level block list. zod validates containers recursively, so a document nested a
 * thousand levels deep (about 70 kB of JSON) would overflow the stack and make safeParse throw;
 * this refuses such input before the recursive schema ever sees it.
 */
export function blockListSchema<T extends z.ZodType>(block: T) {
  return z.preprocess((value, ctx) => {
    if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
      ctx.addIssue({ code: "custom", message: "Blocks are nested too deeply", params: { code: "too_deep" } });
    }
    return value;
  }, z.array(block));
}
