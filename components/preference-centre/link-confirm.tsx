"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { verifyLinkAction, type VerificationAnswer } from "@/lib/actions/preference-centre";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/console/action-result";

/**
 * Where an emailed link lands: one button posts the token. Mail scanners that open links do not
 * press it, so they cannot use the link up before the person does.
 */
export function LinkConfirm({ publicId, locale, token }: { publicId: string; locale: string; token: string }) {
  const t = useTranslations("preferenceCentre.link");
  const router = useRouter();
  const [state, verify] = useActionState<ActionState<VerificationAnswer>, FormData>(verifyLinkAction, null);
  const verified = state?.ok && state.data.status === "verified";
  useEffect(() => {
    if (verified) router.replace(`/${locale}/p/${publicId}/manage`);
  }, [verified, router, locale, publicId]);
  if (state && !verified) {
    return (
      <div className="flex flex-col gap-3">
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {t("expired")}
        </p>
        <a href={`/${locale}/p/${publicId}/manage`} className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("requestNew")}
        </a>
      </div>
    );
  }
  return (
    <form action={verify} className="flex flex-col gap-3">
      <input type="hidden" name="publicId" value={publicId} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <p className="text-slate-700">{t("intro")}</p>
      <SubmitButton pendingLabel={t("working")}>{t("continue")}</SubmitButton>
    </form>
  );
}
