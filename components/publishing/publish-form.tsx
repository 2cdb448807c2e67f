"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { publishAction } from "@/lib/actions/console/experiences";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BlockType, OutdatedTranslation, RegionCode } from "@/lib/experience";

// Codes that came with region rules: their messages live with the regions' own strings.
const REGION_PROBLEM_CODES = new Set(["separate_consent_bundled", "variant_hides_decisions", "variant_locale_not_offered"]);

/**
 * Publishes the current draft, or lists what stands in the way, block by block, naming the
 * regions where it differs. Translations that may be out of date are a warning beforehand,
 * never a refusal.
 */
export function PublishForm({
  workspaceId,
  experienceId,
  blockTypes,
  languageNames,
  outdated = [],
}: {
  workspaceId: string;
  experienceId: string;
  blockTypes: Record<string, BlockType>;
  languageNames: Record<string, string>;
  outdated?: readonly OutdatedTranslation[];
}) {
  const t = useTranslations("publishing");
  const blocks = useTranslations("designer.blocks");
  const fields = useTranslations("designer.f");
  const regions = useTranslations("regions");
  const format = useFormatter();
  const regionList = (codes: readonly RegionCode[]) => format.list(codes.map((code) => regions(`names.${code}`)), { type: "conjunction" });
  const [state, action] = useActionState(publishAction, null);
  const result = state?.ok ? state.data : null;
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="experienceId" value={experienceId} />
      {outdated.length > 0 ? (
        <div className="rounded-md border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950" data-testid="publish-warnings">
          <p className="font-medium">{t("outdatedTitle", { count: outdated.length })}</p>
          <ul className="mt-2 list-disc ps-6">
            {outdated.map((mark) => (
              <li key={`${mark.blockId}:${mark.field}:${mark.locale}`}>
                {t("outdatedItem", { block: blockTypes[mark.blockId] ? blocks(blockTypes[mark.blockId]!) : t("document"), field: fields(mark.field), language: languageNames[mark.locale] ?? mark.locale })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="materialChange" className="mt-0.5 size-5" />
        {t("materialChange")}
      </label>
      <div>
        <SubmitButton pendingLabel={t("publishing")}>{t("publish")}</SubmitButton>
      </div>
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {result?.published ? (
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-sm" data-testid="publish-result">
          {t("published", { number: result.number })}
        </p>
      ) : null}
      {result && !result.published ? (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm" data-testid="publish-problems">
          <p className="font-medium">{t("refused", { count: result.problems.length })}</p>
          <ul className="mt-2 list-disc ps-6">
            {result.problems.map((problem, index) => {
              const type = "blockId" in problem && problem.blockId ? blockTypes[problem.blockId] : undefined;
              const where = type ? blocks(type) : t("document");
              const language = "locale" in problem && problem.locale ? (languageNames[problem.locale] ?? problem.locale) : "";
              const values = { block: where, language };
              const message = REGION_PROBLEM_CODES.has(problem.code) ? regions(`problems.${problem.code}`, values) : t(`problems.${problem.code}`, values);
              const named = "regions" in problem && problem.regions?.length ? regions("inRegions", { message, regions: regionList(problem.regions) }) : message;
              return <li key={index}>{named}</li>;
            })}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
