"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { savePurposeLedgerRulesAction } from "@/lib/actions/console/catalog";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PurposeLedgerRules } from "@/lib/catalog/ledger-rules";

/** What the ledger does with a purpose: double opt-in and how long a consent lasts. */
export function PurposeLedgerForm({ workspaceId, rules, canEdit }: { workspaceId: string; rules: PurposeLedgerRules; canEdit: boolean }) {
  const t = useTranslations("catalog.ledgerRules");
  const id = useId();
  const [state, formAction] = useActionState(savePurposeLedgerRulesAction, null);
  const fieldError = useFieldError(state);
  // React resets a form after its action: a refused save gives back what was typed and ticked.
  const refused = state !== null && !state.ok;
  const days = submittedValue(state, "consentValidDays") ?? (rules.consentValidDays === null ? "" : String(rules.consentValidDays));
  const doubleOptIn = refused ? submittedValue(state, "doubleOptIn") === "on" : rules.doubleOptIn;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="purposeId" value={rules.id} />
      <fieldset disabled={!canEdit} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="doubleOptIn"
              defaultChecked={doubleOptIn}
              aria-describedby={`${id}-doi-hint`}
              className="size-5 focus-visible:outline-3 focus-visible:outline-sky-600"
            />
            {t("doubleOptIn")}
          </label>
          <p id={`${id}-doi-hint`} className="text-sm text-slate-700">
            {t("doubleOptInHint")}
          </p>
        </div>
        <Field
          label={t("validDays")}
          name="consentValidDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={36500}
          hint={t("validDaysHint")}
          defaultValue={days}
          error={fieldError("consentValidDays")}
          className="max-w-xs"
        />
      </fieldset>
      <FormAlert state={state} success={t("saved")} />
      {canEdit ? (
        <div>
          <SubmitButton tone="secondary" pendingLabel={t("saving")}>
            {t("save")}
          </SubmitButton>
        </div>
      ) : (
        <p className="text-sm text-slate-700">{t("readOnly")}</p>
      )}
    </form>
  );
}
