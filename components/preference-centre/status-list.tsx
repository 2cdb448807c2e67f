"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { CollectionChannel, ConsentMethod, ConsentState } from "@/lib/consent/types";

export interface StatusEntry {
  purposeId: string;
  /** In the experience's language where it has one (which may not be the page's). */
  name: string;
  /** The language `name` is in. */
  nameLang: string;
  state: ConsentState;
  method: ConsentMethod;
  channel: CollectionChannel;
  occurredAt: Date;
  expiresAt: Date | null;
  necessary: boolean;
}

const BADGE: Record<ConsentState, string> = {
  given: "border-emerald-700 bg-emerald-50 text-emerald-950",
  renewed_given: "border-emerald-700 bg-emerald-50 text-emerald-950",
  requested: "border-amber-700 bg-amber-50 text-amber-950",
  refused: "border-slate-500 bg-slate-100 text-slate-900",
  withdrawn: "border-slate-500 bg-slate-100 text-slate-900",
  expired: "border-slate-500 bg-slate-100 text-slate-900",
  invalidated: "border-slate-500 bg-slate-100 text-slate-900",
};

/** Each purpose the person has answered: given, refused or withdrawn, when, and how. */
export function StatusList({ entries, pending, onWithdraw }: { entries: StatusEntry[]; pending: boolean; onWithdraw: (purposeId: string) => void }) {
  const t = useTranslations("preferenceCentre.status");
  const format = useFormatter();
  if (entries.length === 0) return <p className="text-slate-700">{t("none")}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
      {entries.map((entry) => {
        const active = entry.state === "given" || entry.state === "renewed_given" || entry.state === "requested";
        return (
          <li key={entry.purposeId} className="flex flex-col gap-1 p-4" data-testid="consent-status">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium" lang={entry.nameLang}>
                {entry.name}
              </span>
              <span className={`rounded-full border px-2 py-0.5 text-sm ${BADGE[entry.state]}`} data-testid="consent-state">
                {t(`states.${entry.state}`)}
              </span>
            </div>
            <p className="text-sm text-slate-700">
              {t("when", { date: format.dateTime(entry.occurredAt, { dateStyle: "medium", timeStyle: "short" }) })}
              {" · "}
              {t("how", { method: t(`methods.${entry.method}`), channel: t(`channels.${entry.channel}`) })}
            </p>
            {entry.expiresAt && active ? (
              <p className="text-sm text-slate-700">{t("validUntil", { date: format.dateTime(entry.expiresAt, { dateStyle: "medium" }) })}</p>
            ) : null}
            {active && !entry.necessary ? (
              <button
                type="button"
                onClick={() => onWithdraw(entry.purposeId)}
                disabled={pending}
                className="min-h-11 self-start text-sm font-medium text-red-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600 disabled:opacity-60"
              >
                {t("withdrawOne", { purpose: entry.name })}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
