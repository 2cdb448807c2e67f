"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signIn, signUp } from "@/lib/actions/auth";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Email and password, for signing in or creating an account (local accounts or Supabase Auth). */
export function CredentialsForm({ mode, locale, next, email }: { mode: "sign-in" | "sign-up"; locale: string; next?: string; email?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(mode === "sign-in" ? signIn : signUp, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormAlert state={state} success={t("checkEmail")} />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submittedValue(state, "email") ?? email}
        error={fieldError("email")}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
        required
        minLength={mode === "sign-up" ? 10 : undefined}
        hint={mode === "sign-up" ? t("passwordHint") : undefined}
        error={fieldError("password")}
      />
      <SubmitButton pendingLabel={t("working")}>{mode === "sign-in" ? t("signIn") : t("createAccount")}</SubmitButton>
    </form>
  );
}
