import { getLocale, getTranslations } from "next-intl/server";
import { resetRuleSetAction, setDefaultRegionAction } from "@/lib/actions/console/regions";
import { RuleSetForm } from "@/components/regions/rule-set-form";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { languageName } from "@/lib/i18n/language-name";
import { adjustedFields, ADJUSTABLE_FIELDS, type AdjustableField } from "@/lib/regions/adjustments";
import { LAW_FLOORS } from "@/lib/regions/floors";
import { REGION_PRESETS } from "@/lib/regions/presets";
import { REGION_CODES, type RuleSet } from "@/lib/regions/rule-set";
import { readWorkspaceRegions } from "@/lib/regions/workspace-regions";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "regions.page" });
  return { title: t("title") };
}

/** The five regions with the rules this workspace uses; owners and admins adjust them within the law. */
export default async function RegionsPage({ params }: Props) {
  const { workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const [regions, t, names, uiLocale] = await Promise.all([
    readAsOperator((sql) => readWorkspaceRegions(sql, workspace.id)),
    getTranslations("regions.page"),
    getTranslations("regions.names"),
    getLocale(),
  ]);
  const canAdjust = CAN.editWorkspace(workspace.myRole);
  const yesNo = (value: boolean) => t(value ? "yes" : "no");
  const show = (rules: RuleSet, field: AdjustableField): string => {
    const value = rules[field];
    switch (field) {
      case "consentModel":
        return t(`models.${rules.consentModel}`);
      case "gpc":
        return t(`gpcOptions.${rules.gpc}`);
      case "defaultLocale":
        return languageName(rules.defaultLocale, uiLocale);
      case "offeredLocales":
        return rules.offeredLocales.map((locale) => languageName(locale, uiLocale)).join(", ");
      case "countries":
        return rules.countries.length > 0 ? rules.countries.join(", ") : t("noCountries");
      default:
        return typeof value === "boolean" ? yesNo(value) : String(value);
    }
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <section aria-labelledby="default-region-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
        <h2 id="default-region-heading" className="text-lg font-medium">{t("defaultRegion")}</h2>
        <p className="text-sm text-slate-700">{t("defaultRegionIntro")}</p>
        {canAdjust ? (
          <ActionForm action={setDefaultRegionAction} hidden={{ workspaceId: workspace.id }} className="flex flex-wrap items-end gap-3" success={t("defaultRegionSaved")}>
            <div className="flex flex-col gap-1">
              <label htmlFor="default-region" className="text-sm font-medium">{t("defaultRegion")}</label>
              <select id="default-region" name="region" defaultValue={regions.defaultRegion} className="min-h-10 rounded-md border border-slate-500 bg-white px-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600">
                {REGION_CODES.map((code) => (
                  <option key={code} value={code}>{names(code)}</option>
                ))}
              </select>
            </div>
            <SubmitButton pendingLabel={t("saving")}>{t("saveDefaultRegion")}</SubmitButton>
          </ActionForm>
        ) : (
          <p data-testid="default-region">{names(regions.defaultRegion)}</p>
        )}
      </section>
      {regions.ruleSets.map((rules) => {
        const adjusted = adjustedFields(regions.overrides, rules.code);
        const headingId = `region-${rules.code}-heading`;
        return (
          <section key={rules.code} aria-labelledby={headingId} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6" data-testid={`region-${rules.code}`}>
            <div className="flex flex-wrap items-center gap-3">
              <h2 id={headingId} className="text-lg font-medium">{names(rules.code)}</h2>
              <span className={`rounded-full border px-2 text-xs ${adjusted.length > 0 ? "border-amber-700 bg-amber-50 text-amber-900" : "border-slate-400 text-slate-700"}`} data-testid="rule-set-status">
                {adjusted.length > 0 ? t("adjusted") : t("preset")}
              </span>
            </div>
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              {ADJUSTABLE_FIELDS.map((field) => (
                <div key={field} className="contents" data-testid={`rule-${field}`}>
                  <dt className="font-medium">{t(`fields.${field}`)}</dt>
                  <dd>
                    {show(rules, field)}
                    {adjusted.includes(field) ? <span className="text-xs text-amber-900">{" "}{t("presetWas", { value: show(REGION_PRESETS[rules.code], field) })}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
            {canAdjust ? (
              <div className="flex flex-col gap-3">
                <details className="rounded-md border border-slate-300 p-4">
                  <summary className="cursor-pointer font-medium text-sky-800 focus-visible:outline-3 focus-visible:outline-sky-600">{t("adjust", { region: names(rules.code) })}</summary>
                  <div className="mt-3">
                    <RuleSetForm workspaceId={workspace.id} ruleSet={rules} floor={LAW_FLOORS[rules.code]} />
                  </div>
                </details>
                {adjusted.length > 0 ? (
                  <ActionForm action={resetRuleSetAction} hidden={{ workspaceId: workspace.id, region: rules.code }}>
                    <SubmitButton tone="secondary" pendingLabel={t("saving")}>{t("reset", { region: names(rules.code) })}</SubmitButton>
                  </ActionForm>
                ) : null}
              </div>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
