"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { requestDataAction } from "@/lib/actions/preference-centre";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/console/action-result";
import { DATA_REQUEST_KINDS } from "@/lib/preference-centre/types";

/** Access, deletion or correction (PIPL art. 44-47, GDPR art. 15-17): recorded, then confirmed with a reference. */
export function DataRequestForm({ publicId, locale }: { publicId: string; locale: string }) {
  const t = useTranslations("preferenceCentre.request");
  const kinds = useTranslations("preferenceCentre.requestKinds");
  const errors = useTranslations("errors");
  const noteId = useId();
  const [state, submit] = useActionState<ActionState<{ requestId: string }>, FormData>(requestDataAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-3">
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-emerald-950">
          {t("done", { reference: state.data.requestId.slice(0, 8) })}
        </p>
        <a href={`/${locale}/p/${publicId}/manage`} className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("back")}
        </a>
      </div>
    );
  }
  return (
    <form action={submit} className="flex flex-col gap-4">
      <input type="hidden" name="publicId" value={publicId} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("kindLegend")}</legend>
        {DATA_REQUEST_KINDS.map((kind, index) => (
          <label key={kind} className="flex min-h-11 items-center gap-3 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-sky-800 has-[:checked]:bg-sky-50 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-600">
            <input type="radio" name="kind" value={kind} defaultChecked={index === 0} className="size-4" />
            {kinds(kind)}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={noteId} className="text-sm font-medium">
          {t("noteLabel")}
        </label>
        <textarea id={noteId} name="note" rows={4} maxLength={2000} className="rounded-md border border-slate-500 bg-white px-3 py-2 focus-visible:outline-3 focus-visible:outline-sky-600" />
      </div>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {state.error === "session_invalid" ? t("sessionExpired") : errors(state.error)}
        </p>
      ) : null}
      <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
