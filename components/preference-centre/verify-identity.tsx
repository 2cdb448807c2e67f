"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useState } from "react";
import {
  startVerificationAction,
  verifyCodeAction,
  type StartedVerification,
  type VerificationAnswer,
} from "@/lib/actions/preference-centre";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/console/action-result";

/**
 * Proving control of an identifier, in two small steps sized for a phone: where to send the
 * code, then the code (the emailed link works too). A wrong code says how many tries are left.
 */
export function VerifyIdentity({ publicId, locale }: { publicId: string; locale: string }) {
  const [started, start] = useActionState<ActionState<StartedVerification>, FormData>(startVerificationAction, null);
  // "Send a new code" sets the current challenge aside; the next one started replaces it.
  const [setAside, setSetAside] = useState<string | null>(null);
  const challenge = started?.ok && started.data.challengeId !== setAside ? started.data : null;
  return challenge ? (
    <CodeStep key={challenge.challengeId} publicId={publicId} locale={locale} challenge={challenge} onRestart={() => setSetAside(challenge.challengeId)} />
  ) : (
    <IdentifierStep publicId={publicId} locale={locale} state={started?.ok ? null : started} action={start} />
  );
}

function IdentifierStep({
  publicId,
  locale,
  state,
  action,
}: {
  publicId: string;
  locale: string;
  state: ActionState<StartedVerification>;
  action: (form: FormData) => void;
}) {
  const t = useTranslations("preferenceCentre.verify");
  const [kind, setKind] = useState<"email" | "phone">("email");
  const legend = useId();
  const failure = state && !state.ok ? state.error : null;
  return (
    <form action={action} className="flex flex-col gap-4" aria-labelledby={legend}>
      <h2 id={legend} className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      <input type="hidden" name="publicId" value={publicId} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("kindLegend")}</legend>
        <div className="flex gap-2">
          {(["email", "phone"] as const).map((option) => (
            <label key={option} className="flex min-h-11 flex-1 items-center gap-2 rounded-md border border-slate-400 bg-white px-3 has-[:checked]:border-sky-800 has-[:checked]:bg-sky-50 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-600">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} className="size-4" />
              {t(option)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        key={kind}
        label={t(kind === "email" ? "emailLabel" : "phoneLabel")}
        name="value"
        type={kind === "email" ? "email" : "tel"}
        autoComplete={kind === "email" ? "email" : "tel"}
        inputMode={kind === "email" ? "email" : "tel"}
        required
        defaultValue={state && !state.ok ? state.values?.value : undefined}
      />
      {failure ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {failure === "too_many_attempts" ? t("tooMany") : failure === "invalid_identifier" || failure === "invalid_input" ? t("invalidIdentifier") : t("failed")}
        </p>
      ) : null}
      <SubmitButton pendingLabel={t("sending")}>{t("send")}</SubmitButton>
    </form>
  );
}

function CodeStep({
  publicId,
  locale,
  challenge,
  onRestart,
}: {
  publicId: string;
  locale: string;
  challenge: StartedVerification;
  onRestart: () => void;
}) {
  const t = useTranslations("preferenceCentre.verify");
  const router = useRouter();
  const [state, verify] = useActionState<ActionState<VerificationAnswer>, FormData>(verifyCodeAction, null);
  const outcome = state?.ok ? state.data : null;
  useEffect(() => {
    if (outcome?.status === "verified") router.refresh();
  }, [outcome, router]);
  const spent = outcome?.status === "locked" || outcome?.status === "expired";
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{t("codeHeading")}</h2>
      <p role="status" className="text-slate-700">
        {t(challenge.channel === "email" ? "sentEmail" : "sentSms", { recipient: challenge.recipientMasked })}
      </p>
      {!spent ? (
        <form action={verify} className="flex flex-col gap-4">
          <input type="hidden" name="publicId" value={publicId} />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="challengeId" value={challenge.challengeId} />
          <Field label={t("codeLabel")} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\s*\d{6}\s*" maxLength={8} required />
          <SubmitButton pendingLabel={t("confirming")}>{t("confirm")}</SubmitButton>
        </form>
      ) : null}
      {outcome && outcome.status !== "verified" ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {outcome.status === "invalid" ? t("invalid", { count: outcome.attemptsLeft }) : t(outcome.status)}
        </p>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {t("failed")}
        </p>
      ) : null}
      <button type="button" onClick={onRestart} className="min-h-11 self-start text-sm text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
        {t("restart")}
      </button>
    </div>
  );
}
