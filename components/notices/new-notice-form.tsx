"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createNoticeAction } from "@/lib/actions/console/notices";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { ContentLanguagesFields } from "@/components/ui/content-languages-fields";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { NOTICE_KINDS } from "@/lib/notices/schemas";

export function NewNoticeForm({ workspaceId, locale, defaultSourceLocale }: { workspaceId: string; locale: string; defaultSourceLocale: string }) {
  const t = useTranslations("notices");
  const [state, action] = useActionState(createNoticeAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="locale" value={locale} />
      <FormAlert state={state} />
      <Field label={t("name")} name="name" required maxLength={120} defaultValue={submittedValue(state, "name")} error={fieldError("name")} />
      <SelectField label={t("kind")} name="kind" defaultValue="privacy_notice" options={NOTICE_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
      <ContentLanguagesFields legend={t("languages")} primaryLabel={t("sourceLanguage")} primaryName="sourceLocale" primaryDefault={defaultSourceLocale} />
      <div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </div>
    </form>
  );
}
