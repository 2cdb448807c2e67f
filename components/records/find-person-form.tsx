"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { findPersonAction } from "@/lib/actions/console/records";
import { Field } from "@/components/ui/field";
import { FormAlert, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDENTIFIER_KINDS } from "@/lib/consent/types";

/** Finds a person by an identifier (POSTed, never in the URL) and opens their timeline. */
export function FindPersonForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("records.find");
  const kinds = useTranslations("records.identifierKinds");
  const locale = useLocale();
  const [state, action] = useActionState(findPersonAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="find-person-heading" noValidate>
      <h2 id="find-person-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="locale" value={locale} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={t("kind")} name="kind" defaultValue="email" options={IDENTIFIER_KINDS.map((kind) => ({ value: kind, label: kinds(kind) }))} />
        <Field label={t("value")} name="value" type="search" autoComplete="off" required maxLength={320} error={fieldError("value")} className="min-w-64" />
        <SubmitButton tone="secondary" pendingLabel={t("finding")}>
          {t("submit")}
        </SubmitButton>
      </div>
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-slate-900">
          {t("notFound")}
        </p>
      ) : null}
    </form>
  );
}
