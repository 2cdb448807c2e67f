"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { createExperienceAction } from "@/app/[locale]/(console)/actions/experiences";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { EXPERIENCE_KINDS, SUPPORTED_CONTENT_LOCALES, TEMPLATES } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";

/** Starts an experience from a template (or blank), in the languages the marketer picks. */
export function NewExperienceForm({ workspaceId, locale, defaultContentLocale }: { workspaceId: string; locale: string; defaultContentLocale: string }) {
  const t = useTranslations("experiences");
  const templates = useTranslations("templates");
  const kinds = useTranslations("experienceKinds");
  const uiLocale = useLocale();
  const [state, action] = useActionState(createExperienceAction, null);
  const fieldError = useFieldError(state);
  const starts = [
    ...TEMPLATES.map((template) => ({ value: template.id, label: templates(`${template.id}.name`), hint: templates(`${template.id}.hint`) })),
    ...EXPERIENCE_KINDS.map((kind) => ({ value: kind, label: t("blank", { kind: kinds(kind) }), hint: "" })),
  ];
  const offered = ["en", "zh-CN", "zh-TW"];
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="locale" value={locale} />
      <FormAlert state={state} />
      <Field label={t("name")} name="name" required maxLength={120} defaultValue={submittedValue(state, "name")} error={fieldError("name")} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("startFrom")}</legend>
        {starts.map((start, index) => (
          <label key={start.value} className="flex items-start gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50">
            <input type="radio" name="start" value={start.value} defaultChecked={index === 0} className="mt-1 size-4" />
            <span>
              <span className="block font-medium">{start.label}</span>
              {start.hint ? <span className="block text-sm text-slate-700">{start.hint}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("languages")}</legend>
        <div className="flex flex-wrap gap-4">
          {SUPPORTED_CONTENT_LOCALES.map((code) => (
            <label key={code} className="flex items-center gap-2">
              <input type="checkbox" name="locales" value={code} defaultChecked={offered.includes(code)} className="size-4" />
              <span lang={code}>{languageName(code, uiLocale)}</span>
            </label>
          ))}
        </div>
        {fieldError("locales") ? <p className="text-sm text-red-800">{t("languagesRequired")}</p> : null}
      </fieldset>
      <SelectField
        label={t("defaultLanguage")}
        name="defaultLocale"
        defaultValue={(SUPPORTED_CONTENT_LOCALES as readonly string[]).includes(defaultContentLocale) ? defaultContentLocale : "en"}
        options={SUPPORTED_CONTENT_LOCALES.map((code) => ({ value: code, label: languageName(code, uiLocale) }))}
      />
      <div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </div>
    </form>
  );
}
