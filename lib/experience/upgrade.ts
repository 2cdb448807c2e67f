import { z } from "zod";
import { draftDocumentSchema, type ExperienceDocument } from "./document";
import { documentV1Schema } from "./stored/v1";
import { upgradeV1ToV2 } from "./stored/v1-to-v2";

/**
 * Any document version ever stored. This module is the only place that knows old shapes
 * exist: everything else sees the current ExperienceDocument.
 */
export const storedDocumentSchema = z.discriminatedUnion("schemaVersion", [documentV1Schema, draftDocumentSchema]);
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** One step per version; adding version 3 is one more case and one more step function. */
export function upgradeDocument(stored: StoredDocument): ExperienceDocument {
  switch (stored.schemaVersion) {
    case 1:
      return upgradeDocument(upgradeV1ToV2(stored));
    case 2:
      return stored;
  }
}

export type ParseStoredDocumentResult = { ok: true; document: ExperienceDocument } | { ok: false; issues: z.core.$ZodIssue[] };

/** Reads a stored document of any known version and returns it in the current version. */
export function parseStoredDocument(json: unknown): ParseStoredDocumentResult {
  const stored = storedDocumentSchema.safeParse(json);
  if (!stored.success) return { ok: false, issues: stored.error.issues };
  // The upgraded document must meet today's structural rules too (ids, nesting depth), which
  // older versions did not all enforce.
  const current = draftDocumentSchema.safeParse(upgradeDocument(stored.data));
  if (!current.success) return { ok: false, issues: current.error.issues };
  return { ok: true, document: current.data };
}
