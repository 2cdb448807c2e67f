"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { saveRuleSetAction } from "@/lib/actions/console/regions";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import type { RuleFloor } from "@/lib/regions/floors";
import { CONSENT_MODELS, type RuleSet } from "@/lib/regions/rule-set";

const inputClass =
  "min-h-10 rounded-md border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600";
const GPC_OPTIONS = ["opt_out_sale_sharing", "not_applicable"] as const;

/**
 * Adjusts one region's rule set (owners and admins). Fields the law fixes in this region say so;
 * an adjustment below the floor is refused by the server with a message at the field.
 */
export function RuleSetForm({ workspaceId, ruleSet, floor }: { workspaceId: string; ruleSet: RuleSet; floor: RuleFloor }) {
  const t = useTranslations("regions.page");
  const names = useTranslations("regions.names");
  const uiLocale = useLocale();
  const id = useId();
  const [state, action] = useActionState(saveRuleSetAction, null);
  const regionName = names(ruleSet.code);
  // After a refusal React resets the form: show what was submitted, not the stored rules.
  const echoed = state && !state.ok ? state.values : undefined;
  const value = (field: string, stored: string) => echoed?.[field] ?? stored;
  const checked = (field: keyof RuleSet & string) => (echoed ? echoed[field] === "on" : ruleSet[field] === true);
  const offered: readonly string[] = echoed ? (echoed.offeredLocales ?? "").split(",") : ruleSet.offeredLocales;
  const fieldError = (field: string) => {
    const code = state && !state.ok ? state.fields?.[field] : undefined;
    if (!code) return null;
    return (
      <p id={`${id}-${field}-error`} className="text-sm text-red-800" data-testid={`rule-error-${field}`}>
        {t.has(`fieldErrors.${code}`) ? t(`fieldErrors.${code}`, { region: regionName }) : t("fieldErrors.invalid_input")}
      </p>
    );
  };
  const described = (field: string, hint = false) =>
    [state && !state.ok && state.fields?.[field] ? `${id}-${field}-error` : "", hint ? `${id}-${field}-hint` : ""].filter(Boolean).join(" ") || undefined;
  const lawHint = (field: string, fixed: boolean) =>
    fixed ? (
      <span id={`${id}-${field}-hint`} className="text-xs text-slate-700">
        {t("requiredByLaw")}
      </span>
    ) : null;
  const checkbox = (field: "rejectOnFirstLayer" | "noPreTicked" | "separateConsent") => (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input
          type="checkbox"
          name={field}
          className="size-5 focus-visible:outline-3 focus-visible:outline-sky-600"
          defaultChecked={checked(field)}
          aria-invalid={state && !state.ok && state.fields?.[field] ? true : undefined}
          aria-describedby={described(field, floor[field] !== undefined)}
        />
        {t(`fields.${field}`)}
      </label>
      {lawHint(field, floor[field] !== undefined)}
      {fieldError(field)}
    </div>
  );
  return (
    <form action={action} key={JSON.stringify(echoed ?? null)} className="flex flex-col gap-4" aria-label={t("adjust", { region: regionName })}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="region" value={ruleSet.code} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-consentModel`} className="text-sm font-medium">{t("fields.consentModel")}</label>
          <select id={`${id}-consentModel`} name="consentModel" className={inputClass} defaultValue={value("consentModel", ruleSet.consentModel)} aria-describedby={described("consentModel", floor.consentModel !== undefined)}>
            {CONSENT_MODELS.map((model) => (
              <option key={model} value={model}>{t(`models.${model}`)}</option>
            ))}
          </select>
          {lawHint("consentModel", floor.consentModel !== undefined)}
          {fieldError("consentModel")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-gpc`} className="text-sm font-medium">{t("fields.gpc")}</label>
          <select id={`${id}-gpc`} name="gpc" className={inputClass} defaultValue={value("gpc", ruleSet.gpc)} aria-describedby={described("gpc", floor.gpc !== undefined)}>
            {GPC_OPTIONS.map((option) => (
              <option key={option} value={option}>{t(`gpcOptions.${option}`)}</option>
            ))}
          </select>
          {lawHint("gpc", floor.gpc !== undefined)}
          {fieldError("gpc")}
        </div>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{t("consentRules")}</legend>
        {checkbox("rejectOnFirstLayer")}
        {checkbox("noPreTicked")}
        {checkbox("separateConsent")}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-age`} className="text-sm font-medium">{t("fields.ageOfConsent")}</label>
          <input id={`${id}-age`} name="ageOfConsent" type="number" min={0} max={21} required className={inputClass} defaultValue={value("ageOfConsent", String(ruleSet.ageOfConsent))} aria-describedby={described("ageOfConsent", floor.minAgeOfConsent !== undefined)} />
          {floor.minAgeOfConsent !== undefined ? (
            <span id={`${id}-ageOfConsent-hint`} className="text-xs text-slate-700">{t("minimumAge", { age: floor.minAgeOfConsent })}</span>
          ) : null}
          {fieldError("ageOfConsent")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reask`} className="text-sm font-medium">{t("fields.reaskAfterDays")}</label>
          <input id={`${id}-reask`} name="reaskAfterDays" type="number" min={1} max={3650} required className={inputClass} defaultValue={value("reaskAfterDays", String(ruleSet.reaskAfterDays))} aria-describedby={described("reaskAfterDays")} />
          {fieldError("reaskAfterDays")}
        </div>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{t("fields.offeredLocales")}</legend>
        <div className="flex flex-wrap gap-x-4">
          {SUPPORTED_CONTENT_LOCALES.map((locale) => (
            <label key={locale} className="flex min-h-10 items-center gap-2 text-sm">
              <input type="checkbox" name="offeredLocales" value={locale} className="size-5 focus-visible:outline-3 focus-visible:outline-sky-600" defaultChecked={offered.includes(locale)} />
              {languageName(locale, uiLocale)}
            </label>
          ))}
        </div>
        {fieldError("offeredLocales")}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-defaultLocale`} className="text-sm font-medium">{t("fields.defaultLocale")}</label>
          <select id={`${id}-defaultLocale`} name="defaultLocale" className={inputClass} defaultValue={value("defaultLocale", ruleSet.defaultLocale)} aria-describedby={described("defaultLocale")}>
            {SUPPORTED_CONTENT_LOCALES.map((locale) => (
              <option key={locale} value={locale}>{languageName(locale, uiLocale)}</option>
            ))}
          </select>
          {fieldError("defaultLocale")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-countries`} className="text-sm font-medium">{t("fields.countries")}</label>
          <input id={`${id}-countries`} name="countries" className={inputClass} defaultValue={value("countries", ruleSet.countries.join(", "))} aria-describedby={`${id}-countries-hint ${described("countries") ?? ""}`.trim()} />
          <span id={`${id}-countries-hint`} className="text-xs text-slate-700">{t("countriesHint")}</span>
          {fieldError("countries")}
        </div>
      </div>
      <div>
        <SubmitButton pendingLabel={t("saving")}>{t("save", { region: regionName })}</SubmitButton>
      </div>
      <FormAlert state={state} success={t("saved", { region: regionName })} />
    </form>
  );
}
