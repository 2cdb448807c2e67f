"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { createNoticeAction } from "@/app/[locale]/(console)/actions/notices";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { NOTICE_KINDS } from "@/lib/notices/schemas";

export function NewNoticeForm({ workspaceId, locale, defaultSourceLocale }: { workspaceId: string; locale: string; defaultSourceLocale: string }) {
  const t = useTranslations("notices");
  const uiLocale = useLocale();
  const [state, action] = useActionState(createNoticeAction, null);
  const fieldError = useFieldError(state);
  const offered = ["en", "zh-CN", "zh-TW"];
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="locale" value={locale} />
      <FormAlert state={state} />
      <Field label={t("name")} name="name" required maxLength={120} defaultValue={submittedValue(state, "name")} error={fieldError("name")} />
      <SelectField label={t("kind")} name="kind" defaultValue="privacy_notice" options={NOTICE_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
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
      </fieldset>
      <SelectField
        label={t("sourceLanguage")}
        name="sourceLocale"
        defaultValue={(SUPPORTED_CONTENT_LOCALES as readonly string[]).includes(defaultSourceLocale) ? defaultSourceLocale : "en"}
        options={SUPPORTED_CONTENT_LOCALES.map((code) => ({ value: code, label: languageName(code, uiLocale) }))}
      />
      <div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </div>
    </form>
  );
}
