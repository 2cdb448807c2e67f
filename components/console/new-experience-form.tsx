"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createExperienceAction } from "@/lib/actions/console/experiences";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { ContentLanguagesFields } from "@/components/ui/content-languages-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { EXPERIENCE_KINDS, TEMPLATES } from "@/lib/experience";

/** Starts an experience from a template (or blank), in the languages the marketer picks. */
export function NewExperienceForm({ workspaceId, locale, defaultContentLocale }: { workspaceId: string; locale: string; defaultContentLocale: string }) {
  const t = useTranslations("experiences");
  const templates = useTranslations("templates");
  const kinds = useTranslations("experienceKinds");
  const [state, action] = useActionState(createExperienceAction, null);
  const fieldError = useFieldError(state);
  const starts = [
    ...TEMPLATES.map((template) => ({ value: template.id, label: templates(`${template.id}.name`), hint: templates(`${template.id}.hint`) })),
    ...EXPERIENCE_KINDS.map((kind) => ({ value: kind, label: t("blank", { kind: kinds(kind) }), hint: "" })),
  ];
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
      <ContentLanguagesFields
        legend={t("languages")}
        primaryLabel={t("defaultLanguage")}
        primaryName="defaultLocale"
        primaryDefault={defaultContentLocale}
        error={fieldError("locales") ? t("languagesRequired") : undefined}
      />
      <div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </div>
    </form>
  );
}
