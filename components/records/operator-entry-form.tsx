"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { recordOperatorConsentAction } from "@/lib/actions/console/records";
import { Field } from "@/components/ui/field";
import { FormAlert, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { IdentifierKind } from "@/lib/consent/types";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience/localized";
import { languageName } from "@/lib/i18n/language-name";
import type { PublishedVersionOption } from "@/lib/records/operator-options";
import { OPERATOR_CHANNELS } from "@/lib/records/operator-entry";

const REGIONS = ["CN", "EU", "US-CA", "HK", "DEFAULT"] as const;
const STATES = ["given", "refused", "withdrawn"] as const;

/** Records what the person told an operator (in a store, on a call), for the purposes ticked. */
export function OperatorEntryForm({
  workspaceId,
  subjectId,
  identifierKinds,
  purposes,
  versions,
}: {
  workspaceId: string;
  subjectId: string;
  identifierKinds: IdentifierKind[];
  purposes: { id: string; label: string }[];
  versions: PublishedVersionOption[];
}) {
  const t = useTranslations("records");
  const locale = useLocale();
  const [state, action] = useActionState(recordOperatorConsentAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="operator-entry-heading" noValidate>
      <h2 id="operator-entry-heading" className="text-lg font-semibold">
        {t("operator.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("operator.intro")}</p>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{t("operator.purposes")}</legend>
        {purposes.map((purpose) => (
          <label key={purpose.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="purposeIds" value={purpose.id} className="size-5" />
            {purpose.label}
          </label>
        ))}
        {fieldError("purposeIds") ? <p className="text-sm text-red-800">{fieldError("purposeIds")}</p> : null}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="text-sm font-medium">{t("operator.decision")}</legend>
        {STATES.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="state" value={value} defaultChecked={value === "given"} className="size-5" />
            {t(`states.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={t("operator.channel")} name="channel" defaultValue="call_centre" options={OPERATOR_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        <SelectField
          label={t("operator.identifier")}
          name="identifierKind"
          options={identifierKinds.map((kind) => ({ value: kind, label: t(`identifierKinds.${kind}`) }))}
        />
        <SelectField
          label={t("operator.language")}
          name="language"
          defaultValue={(SUPPORTED_CONTENT_LOCALES as readonly string[]).includes(locale) ? locale : "en"}
          options={SUPPORTED_CONTENT_LOCALES.map((code) => ({ value: code, label: languageName(code, locale) }))}
        />
        <SelectField label={t("operator.region")} name="regionCode" options={REGIONS.map((code) => ({ value: code, label: code }))} />
      </div>
      <SelectField
        label={t("operator.version")}
        name="experienceVersionId"
        options={[{ value: "", label: t("operator.noVersion") }, ...versions.map((v) => ({ value: v.id, label: t("operator.versionOption", { name: v.experienceName, number: v.number }) }))]}
      />
      <Field label={t("operator.reference")} name="reference" maxLength={200} hint={t("operator.referenceHint")} error={fieldError("reference")} />
      <div>
        <SubmitButton pendingLabel={t("operator.recording")}>{t("operator.submit")}</SubmitButton>
      </div>
      <FormAlert state={state} success={state?.ok ? t("operator.recorded", { count: state.data.events }) : undefined} />
    </form>
  );
}
