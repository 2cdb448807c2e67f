"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmDoubleOptInAction, type ConfirmationAnswer } from "@/lib/actions/double-opt-in";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/console/action-result";

/**
 * One button posts the token: mail scanners that open links do not press it, so they cannot
 * confirm on the person's behalf.
 */
export function ConfirmSubscription({ token }: { token: string }) {
  const t = useTranslations("doubleOptIn");
  const [state, confirm] = useActionState<ActionState<ConfirmationAnswer>, FormData>(confirmDoubleOptInAction, null);
  if (state?.ok && state.data.status === "confirmed") {
    return (
      <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-emerald-950">
        {t("confirmed")}
      </p>
    );
  }
  return (
    <form action={confirm} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <p className="text-slate-700">{t("intro")}</p>
      {state ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {state.ok ? t("invalid") : t("failed")}
        </p>
      ) : null}
      <SubmitButton pendingLabel={t("working")}>{t("confirm")}</SubmitButton>
    </form>
  );
}
