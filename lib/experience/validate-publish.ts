import { draftDocumentSchema, type ExperienceDocument } from "./document";
import { contentProblems, translationProblems } from "./publish/content-checks";
import { decisionProblems, purposeProblems } from "./publish/consent-checks";
import { STRICT_PUBLISH_RULES, type PublishCatalog, type PublishProblem, type PublishRules } from "./publish/problems";
import { mergeRegionalProblems, variantProblems } from "./publish/region-checks";
import { findBlock } from "./tree";

export { mergeRegionalProblems };
import { applyVariant } from "./variants";

/**
 * Everything that stands between a structurally valid draft and publishing, for one document
 * under one region's rules (the strictest when none is given), in a stable order
 * (translations, content, purposes, decisions; document order within each). An empty list
 * means publishable.
 */
export function publishProblems(document: ExperienceDocument, catalog: PublishCatalog, rules: PublishRules = STRICT_PUBLISH_RULES): PublishProblem[] {
  return [
    ...translationProblems(document),
    ...contentProblems(document, catalog),
    ...purposeProblems(document, catalog, rules),
    ...decisionProblems(document, rules),
  ];
}

/**
 * The problems of every region's document (the shared one with that region's variant applied)
 * under that region's rules, and of the variants themselves; identical problems merge into one
 * naming its regions (see mergeRegionalProblems). `ruleSets` holds one entry per region checked:
 * the workspace's effective rule sets.
 */
export function regionalPublishProblems(document: ExperienceDocument, catalog: PublishCatalog, ruleSets: readonly PublishRules[]): PublishProblem[] {
  return mergeRegionalProblems(
    ruleSets.map((rules) => {
      const effective = applyVariant(document, rules.code);
      const own = variantProblems(document, rules.code, effective);
      // A variant that hides every decision button says so once, not also as "add a button".
      const hidesDecisions = own.some((problem) => problem.code === "variant_hides_decisions");
      const problems = publishProblems(effective, catalog, rules).filter((problem) => !(hidesDecisions && problem.code === "no_decision_button"));
      return { region: rules.code, problems: [...problems, ...own] };
    }),
  );
}

/**
 * The strict schema, for server boundaries that want a zod result: the draft schema plus every
 * publish problem as a custom issue (`params` carries the problem), located at its block.
 */
export function publishDocumentSchema(catalog: PublishCatalog) {
  return draftDocumentSchema.superRefine((document, ctx) => {
    for (const problem of publishProblems(document, catalog)) {
      const indexPath = problem.blockId === undefined ? null : (findBlock(document, problem.blockId)?.indexPath ?? null);
      const blockPath = indexPath?.flatMap((index) => ["blocks", index]) ?? [];
      const fieldPath = [...(problem.field?.split(".") ?? []), ...(problem.locale === undefined ? [] : [problem.locale])];
      ctx.addIssue({ code: "custom", message: problem.code, path: [...blockPath, ...fieldPath], params: { ...problem } });
    }
  });
}
