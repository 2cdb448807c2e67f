"use client";

import { useLocale, useTranslations } from "next-intl";
import { nameIn } from "@/lib/catalog/catalog";
import { CONSENT_MODE_SIGNALS, type ConsentMode } from "@/lib/experience";
import { useDesigner } from "./designer-context";
import { MultiChoice } from "./inspector/controls";

/**
 * Which purposes grant each Google Consent Mode v2 signal the embed sends: a signal is granted
 * when the visitor gave every purpose ticked for it, and stays denied while none is ticked.
 */
export function ConsentModePanel() {
  const t = useTranslations("consentMode");
  const locale = useLocale();
  const { state, dispatch, catalog } = useDesigner();
  const mapping = state.document.consentMode ?? {};
  const options = catalog.purposes.map((purpose) => ({ value: purpose.id, label: nameIn(purpose.name, locale) }));
  const set = (signal: (typeof CONSENT_MODE_SIGNALS)[number], purposeIds: string[]) => {
    const next: ConsentMode = { ...mapping };
    if (purposeIds.length > 0) next[signal] = purposeIds;
    else delete next[signal];
    dispatch({ type: "set_consent_mode", consentMode: next });
  };
  return (
    <details className="rounded border border-slate-300 p-3" data-testid="consent-mode-panel">
      <summary className="cursor-pointer text-sm font-semibold focus-visible:outline-3 focus-visible:outline-sky-600">{t("title")}</summary>
      <div className="mt-3 flex flex-col gap-4">
        <p className="text-sm text-slate-700">{t("help")}</p>
        {CONSENT_MODE_SIGNALS.map((signal) => (
          <MultiChoice
            key={signal}
            legend={t(`signals.${signal}`)}
            values={mapping[signal] ?? []}
            options={options}
            onChange={(purposeIds) => set(signal, purposeIds)}
          />
        ))}
      </div>
    </details>
  );
}
