"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addSmsKeywordAction, removeSmsKeywordAction } from "@/lib/actions/console/catalog";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { BUILT_IN_SMS_KEYWORDS } from "@/lib/catalog/ledger-rules";

/** SMS opt-out keywords: the built-in ones (always on) and the workspace's own, added and removed here. */
export function SmsKeywords({ workspaceId, keywords, canEdit }: { workspaceId: string; keywords: string[]; canEdit: boolean }) {
  const t = useTranslations("catalog.smsKeywords");
  const [state, addAction] = useActionState(addSmsKeywordAction, null);
  const fieldError = useFieldError(state);
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-wrap gap-2" aria-label={t("builtIn")}>
        {BUILT_IN_SMS_KEYWORDS.map((keyword) => (
          <li key={keyword} className="rounded-full border border-slate-400 bg-slate-100 px-3 py-1 text-sm">
            <span lang={keyword === "退订" ? "zh-CN" : "en"}>{keyword}</span> <span className="text-slate-700">· {t("alwaysOn")}</span>
          </li>
        ))}
      </ul>
      {keywords.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label={t("own")} data-testid="sms-keywords">
          {keywords.map((keyword) => (
            <li key={keyword} className="flex flex-wrap items-center gap-3">
              <code className="rounded bg-slate-100 px-2 py-1">{keyword}</code>
              {canEdit ? (
                <ActionForm action={removeSmsKeywordAction} hidden={{ workspaceId, keyword }} className="flex items-center gap-2">
                  <button type="submit" className={buttonClass("secondary")} aria-label={t("remove", { keyword })}>
                    {t("removeShort")}
                  </button>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form action={addAction} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <Field label={t("keyword")} name="keyword" required maxLength={32} hint={t("keywordHint")} defaultValue={submittedValue(state, "keyword")} error={fieldError("keyword")} className="max-w-xs" />
          <FormAlert state={state} success={t("added")} />
          <div>
            <SubmitButton tone="secondary" pendingLabel={t("adding")}>
              {t("add")}
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
