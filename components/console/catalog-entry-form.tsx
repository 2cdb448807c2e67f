"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/console/action-result";
import { LOCALES } from "@/lib/i18n/routing";

/** Adds a purpose or a topic: a stable key and its name in each console language. */
export function CatalogEntryForm({
  action,
  workspaceId,
  withNecessary,
  submitLabel,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  workspaceId: string;
  withNecessary: boolean;
  submitLabel: string;
}) {
  const t = useTranslations("catalog");
  const localeNames = useTranslations("locale.names");
  const [state, formAction] = useActionState(action, null);
  const fieldError = useFieldError(state);
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <FormAlert state={state} success={t("added")} />
      <Field label={t("key")} name="key" required hint={t("keyHint")} defaultValue={submittedValue(state, "key")} error={fieldError("key")} />
      <div className="grid gap-3 sm:grid-cols-3">
        {LOCALES.map((locale) => (
          <Field
            key={locale}
            label={t("nameIn", { language: localeNames(locale) })}
            name={`name_${locale}`}
            lang={locale}
            defaultValue={submittedValue(state, `name_${locale}`)}
            error={fieldError(`name_${locale}`)}
          />
        ))}
      </div>
      {withNecessary ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="necessary" className="size-5 focus-visible:outline-3 focus-visible:outline-sky-600" />
          {t("necessaryLabel")}
        </label>
      ) : null}
      <div>
        <SubmitButton tone="secondary" pendingLabel={t("adding")}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
