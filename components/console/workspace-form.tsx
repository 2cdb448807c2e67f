"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createWorkspaceAction, updateWorkspaceAction } from "@/lib/actions/console/tenancy";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { LOCALES } from "@/lib/i18n/routing";
import type { Workspace } from "@/lib/tenancy/schemas";

/** Creates a workspace, or edits one when given. The legal fields name the data controller. */
export function WorkspaceForm({ locale, workspace }: { locale: string; workspace?: Workspace }) {
  const t = useTranslations("workspaces");
  const localeNames = useTranslations("locale.names");
  const [state, action] = useActionState(workspace ? updateWorkspaceAction : createWorkspaceAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {workspace ? <input type="hidden" name="workspaceId" value={workspace.id} /> : null}
      <FormAlert state={state} success={t("saved")} />
      <Field label={t("name")} name="name" required maxLength={120} defaultValue={submittedValue(state, "name") ?? workspace?.name} error={fieldError("name")} />
      <Field
        label={t("legalEntityName")}
        name="legalEntityName"
        required
        maxLength={200}
        hint={t("legalEntityNameHint")}
        defaultValue={submittedValue(state, "legalEntityName") ?? workspace?.legalEntityName}
        error={fieldError("legalEntityName")}
      />
      <Field
        label={t("contactAddress")}
        name="contactAddress"
        required
        maxLength={500}
        hint={t("contactAddressHint")}
        defaultValue={submittedValue(state, "contactAddress") ?? workspace?.contactAddress}
        error={fieldError("contactAddress")}
      />
      <SelectField
        label={t("defaultLocale")}
        name="defaultLocale"
        defaultValue={workspace?.defaultLocale ?? locale}
        options={LOCALES.map((value) => ({ value, label: localeNames(value) }))}
      />
      <SubmitButton pendingLabel={t("saving")}>{workspace ? t("save") : t("create")}</SubmitButton>
    </form>
  );
}
