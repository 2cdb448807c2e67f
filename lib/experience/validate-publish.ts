import type { ExperienceCatalog } from "./catalog";
import { draftDocumentSchema, type ExperienceDocument } from "./document";
import { contentProblems, translationProblems } from "./publish/content-checks";
import { decisionProblems, purposeProblems } from "./publish/consent-checks";
import type { PublishProblem } from "./publish/problems";
import { findBlock } from "./tree";

/**
 * Everything that stands between a structurally valid draft and publishing, in a stable order
 * (translations, content, purposes, decisions; document order within each). An empty list
 * means publishable.
 */
export function publishProblems(document: ExperienceDocument, catalog: ExperienceCatalog): PublishProblem[] {
  return [
    ...translationProblems(document),
    ...contentProblems(document, catalog),
    ...purposeProblems(document, catalog),
    ...decisionProblems(document),
  ];
}

/**
 * The strict schema, for server boundaries that want a zod result: the draft schema plus every
 * publish problem as a custom issue (`params` carries the problem), located at its block.
 */
export function publishDocumentSchema(catalog: ExperienceCatalog) {
  return draftDocumentSchema.superRefine((document, ctx) => {
    for (const problem of publishProblems(document, catalog)) {
      const indexPath = problem.blockId === undefined ? null : (findBlock(document, problem.blockId)?.indexPath ?? null);
      const blockPath = indexPath?.flatMap((index) => ["blocks", index]) ?? [];
      const fieldPath = [...(problem.field?.split(".") ?? []), ...(problem.locale === undefined ? [] : [problem.locale])];
      ctx.addIssue({ code: "custom", message: problem.code, path: [...blockPath, ...fieldPath], params: { ...problem } });
    }
  });
}
