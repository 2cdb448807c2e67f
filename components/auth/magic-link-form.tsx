"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { sendMagicLink } from "@/lib/actions/auth";
import { Field } from "@/components/ui/field";
import { FormAlert, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Supabase profile: sign in by a link sent to the address. */
export function MagicLinkForm({ locale, next }: { locale: string; next?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(sendMagicLink, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormAlert state={state} success={t("checkEmail")} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required error={fieldError("email")} />
      <SubmitButton tone="secondary" pendingLabel={t("working")}>
        {t("sendMagicLink")}
      </SubmitButton>
    </form>
  );
}
