"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { updatePurposeLegalAction } from "@/lib/actions/console/notices";
import { buttonClass } from "@/components/ui/button-class";
import type { PurposeLegal } from "@/lib/catalog/purpose-legal";
import { LEGAL_BASES, type PurposeLegalFieldsInput } from "@/lib/notices/schemas";

const list = (text: string) => [...new Set(text.split(/[\n,，、;；]+/).map((item) => item.trim()).filter(Boolean))];

/**
 * The legal side of a purpose: basis, data categories, sensitivity, the PIPL separate-consent
 * flags with whom data goes to, retention and the DPV term. Notices check these before approval.
 */
export function PurposeLegalForm({ workspaceId, purpose, canEdit }: { workspaceId: string; purpose: PurposeLegal; canEdit: boolean }) {
  const t = useTranslations("catalog.legal");
  const errors = useTranslations("errors");
  const id = useId();
  const [fields, setFields] = useState<PurposeLegalFieldsInput>({
    legalBasis: purpose.legalBasis,
    dataCategories: purpose.dataCategories,
    sensitive: purpose.sensitive,
    separateConsentSensitive: purpose.separateConsentSensitive,
    separateConsentThirdParty: purpose.separateConsentThirdParty,
    thirdPartyRecipient: purpose.thirdPartyRecipient ?? "",
    separateConsentCrossBorder: purpose.separateConsentCrossBorder,
    crossBorderRecipient: purpose.crossBorderRecipient ?? "",
    crossBorderCountry: purpose.crossBorderCountry ?? "",
    separateConsentPublicDisclosure: purpose.separateConsentPublicDisclosure,
    retention: purpose.retention,
    retentionDays: purpose.retentionDays,
    recipients: purpose.recipients,
    dpvPurpose: purpose.dpvPurpose ?? "",
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof PurposeLegalFieldsInput>(key: K, value: PurposeLegalFieldsInput[K]) => setFields((current) => ({ ...current, [key]: value }));
  const input = "min-h-10 rounded-md border border-slate-500 px-2 py-1 text-sm";
  const check = (key: "sensitive" | "separateConsentSensitive" | "separateConsentThirdParty" | "separateConsentCrossBorder" | "separateConsentPublicDisclosure") => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-5" checked={Boolean(fields[key])} onChange={(e) => set(key, e.target.checked)} />
      {t(key)}
    </label>
  );
  return (
    <form
      className="flex flex-col gap-3"
      aria-describedby={`${id}-status`}
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await updatePurposeLegalAction({ workspaceId, purposeId: purpose.id, fields });
          setMessage(result.ok ? { ok: true, text: t("saved") } : { ok: false, text: errors(result.error) });
        });
      }}
    >
      <fieldset disabled={!canEdit || pending} className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("legalBasis")}
          <select className={input} value={fields.legalBasis} onChange={(e) => set("legalBasis", e.target.value as PurposeLegalFieldsInput["legalBasis"])}>
            {LEGAL_BASES.map((basis) => (
              <option key={basis} value={basis}>{t(`bases.${basis}`)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("dpvPurpose")}
          <input className={input} value={fields.dpvPurpose ?? ""} placeholder="dpv:Marketing" onChange={(e) => set("dpvPurpose", e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
          {t("dataCategories")}
          <textarea className={input} value={fields.dataCategories.join(", ")} onChange={(e) => set("dataCategories", list(e.target.value))} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("retention")}
          <input className={input} value={fields.retention} maxLength={500} onChange={(e) => set("retention", e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("retentionDays")}
          <input className={input} type="number" min={1} max={36500} value={fields.retentionDays ?? ""} onChange={(e) => set("retentionDays", e.target.value === "" ? null : Number(e.target.value))} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
          {t("recipients")}
          <textarea className={input} value={fields.recipients.join(", ")} onChange={(e) => set("recipients", list(e.target.value))} />
        </label>
        <fieldset className="flex flex-col gap-2 sm:col-span-2">
          <legend className="text-sm font-medium">{t("separateConsent")}</legend>
          {check("sensitive")}
          {check("separateConsentSensitive")}
          {check("separateConsentThirdParty")}
          {fields.separateConsentThirdParty ? (
            <label className="flex flex-col gap-1 ps-7 text-sm">
              {t("thirdPartyRecipient")}
              <input className={input} value={fields.thirdPartyRecipient ?? ""} onChange={(e) => set("thirdPartyRecipient", e.target.value)} />
            </label>
          ) : null}
          {check("separateConsentCrossBorder")}
          {fields.separateConsentCrossBorder ? (
            <div className="grid gap-2 ps-7 sm:grid-cols-2">
              <label className="flex flex-col gap-1 text-sm">
                {t("crossBorderRecipient")}
                <input className={input} value={fields.crossBorderRecipient ?? ""} onChange={(e) => set("crossBorderRecipient", e.target.value)} />
              </label>
              <label className="flex flex-col gap-1 text-sm">
                {t("crossBorderCountry")}
                <input className={input} value={fields.crossBorderCountry ?? ""} maxLength={2} placeholder="SG" onChange={(e) => set("crossBorderCountry", e.target.value)} />
              </label>
            </div>
          ) : null}
          {check("separateConsentPublicDisclosure")}
        </fieldset>
      </fieldset>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass("secondary")} disabled={pending}>{t("save")}</button>
          <p id={`${id}-status`} role="status" className={message?.ok === false ? "text-sm text-red-800" : "text-sm text-emerald-900"}>{message?.text}</p>
        </div>
      ) : null}
    </form>
  );
}
