import { DECISION_ACTIONS } from "../blocks/consent";
import type { ExperienceDocument } from "../document";
import { walkBlocks } from "../tree";
import { REGION_CODES, type RegionCode } from "../variants";
import type { PublishProblem } from "./problems";

const hasDecisionButton = (document: ExperienceDocument) =>
  walkBlocks(document).some(({ block }) => block.type === "button" && DECISION_ACTIONS.includes(block.action));

/**
 * What a region's variant itself gets wrong: languages the experience does not offer (they
 * would silently fall away), and hiding every button that records a decision although the
 * shared document has one (`effective` is the region's document, applyVariant's result).
 */
export function variantProblems(document: ExperienceDocument, region: RegionCode, effective: ExperienceDocument): PublishProblem[] {
  const variant = document.variants?.[region];
  if (!variant) return [];
  const problems: PublishProblem[] = [];
  for (const locale of variant.locales ?? []) {
    if (!document.locales.includes(locale)) problems.push({ code: "variant_locale_not_offered", field: "locales", locale });
  }
  const defaultLocale = variant.defaultLocale;
  if (defaultLocale !== undefined && !effective.locales.includes(defaultLocale)) {
    problems.push({ code: "variant_locale_not_offered", field: "defaultLocale", locale: defaultLocale });
  }
  if (hasDecisionButton(document) && !hasDecisionButton(effective)) problems.push({ code: "variant_hides_decisions" });
  return problems;
}

type RegionalProblem = { code: string; regions?: RegionCode[] };

const problemKey = ({ regions: _regions, ...problem }: RegionalProblem) =>
  JSON.stringify(Object.entries(problem).sort(([a], [b]) => a.localeCompare(b)));

/**
 * One line per distinct problem, naming the regions that have it, in region order; a problem of
 * every region checked names none. The order is that of first appearance.
 */
export function mergeRegionalProblems<P extends RegionalProblem>(perRegion: readonly { region: RegionCode; problems: readonly P[] }[]): P[] {
  const merged = new Map<string, { problem: P; regions: Set<RegionCode> }>();
  for (const { region, problems } of perRegion) {
    for (const problem of problems) {
      const key = problemKey(problem);
      const entry = merged.get(key) ?? { problem, regions: new Set<RegionCode>() };
      entry.regions.add(region);
      merged.set(key, entry);
    }
  }
  const checked = new Set(perRegion.map(({ region }) => region));
  return [...merged.values()].map(({ problem, regions }) => {
    const { regions: _ignored, ...shared } = problem;
    return (regions.size === checked.size ? shared : { ...shared, regions: REGION_CODES.filter((code) => regions.has(code)) }) as P;
  });
}
