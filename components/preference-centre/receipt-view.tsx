import { getFormatter, getTranslations } from "next-intl/server";
import { languageName } from "@/lib/i18n/language-name";
import type { ConsentReceipt } from "@/lib/preference-centre/receipts";
import { purposeName, type NameInLanguage } from "./purpose-name";

export interface ReceiptViewProps {
  receipt: ConsentReceipt;
  locale: string;
  jsonHref: string;
  manageHref: string;
  /** What the experience called each purpose (by id), where it labelled it; else the catalog's name. */
  labels?: ReadonlyMap<string, NameInLanguage>;
}

/**
 * A receipt in readable form: who holds the data, and each record with every field it carries,
 * in words (the region's and language's names, the notice's name and version), never codes.
 */
export async function ReceiptView({ receipt, locale, jsonHref, manageHref, labels }: ReceiptViewProps) {
  const [t, status, regions, format] = await Promise.all([
    getTranslations("preferenceCentre.receipt"),
    getTranslations("preferenceCentre.status"),
    getTranslations("regions.names"),
    getFormatter(),
  ]);
  const regionName = (code: string) => (regions.has(code) ? regions(code) : code);
  // The basis in the person's words; a basis added after this page was written still shows.
  const legalBasis = (code: string) => (t.has(`legalBases.${code}`) ? t(`legalBases.${code}` as "legalBases.consent") : code);
  const notices = new Map(receipt.notices.map((notice) => [notice.versionId, t("noticeValue", { name: notice.name, number: notice.number })]));
  const noticeNames = (pinned: Record<string, string>) => Object.values(pinned).map((versionId) => notices.get(versionId) ?? versionId);
  const when = (value: string) => format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "long" });
  const controller = receipt.events[0]?.controller;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-slate-700">{t("intro", { date: when(receipt.createdAt) })}</p>
      {controller ? (
        <section aria-labelledby="controller" className="flex flex-col gap-1">
          <h2 id="controller" className="text-lg font-semibold">{t("controller")}</h2>
          <p>{controller.legal_entity_name}</p>
          <p className="text-sm text-slate-700">{controller.contact_address}</p>
        </section>
      ) : null}
      <section aria-labelledby="records" className="flex flex-col gap-3">
        <h2 id="records" className="text-lg font-semibold">{t("records")}</h2>
        <ul className="flex flex-col gap-3">
          {receipt.events.map((event) => (
            <li key={event.id} className="rounded-lg border border-slate-300 bg-white p-4" data-testid="receipt-record">
              <p className="flex flex-wrap items-center justify-between gap-2">
                <PurposeName name={labels?.get(event.purposeId) ?? purposeName(event.purposeName, [locale, "en"])} />
                <span className="rounded-full border border-slate-500 px-2 py-0.5 text-sm">{status(`states.${event.state}`)}</span>
              </p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-700">{t("time")}</dt>
                <dd>{when(event.occurredAt)}</dd>
                <dt className="text-slate-700">{t("how")}</dt>
                <dd>{status("how", { method: status(`methods.${event.method}`), channel: status(`channels.${event.channel}`) })}</dd>
                <dt className="text-slate-700">{t("expressedBy")}</dt>
                <dd>{t(`expressedByValues.${event.expressedBy}`)}</dd>
                <dt className="text-slate-700">{t("subject")}</dt>
                <dd>{event.identifierKind === "device_id" ? t("subjectDevice") : t("subjectValue", { kind: event.identifierKind })}</dd>
                <dt className="text-slate-700">{t("legalBasis")}</dt>
                <dd>{legalBasis(event.purpose.legal_basis)}</dd>
                <dt className="text-slate-700">{t("dataCategories")}</dt>
                <dd>{event.purpose.data_categories.length > 0 ? format.list(event.purpose.data_categories, { type: "conjunction" }) : t("noDataCategories")}</dd>
                <dt className="text-slate-700">{t("region")}</dt>
                <dd>{regionName(event.regionCode)}</dd>
                <dt className="text-slate-700">{t("language")}</dt>
                <dd>{languageName(event.language, locale)}</dd>
                <dt className="text-slate-700">{t("version")}</dt>
                <dd>{t("versionValue", { number: receipt.experienceVersion.number })}</dd>
                <dt className="text-slate-700">{t("notices")}</dt>
                <dd>
                  {noticeNames(event.noticeVersions).length > 0 ? (
                    <ul>
                      {noticeNames(event.noticeVersions).map((name) => (
                        <li key={name}>{name}</li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  )}
                </dd>
                <dt className="text-slate-700">{t("validUntil")}</dt>
                <dd>{event.expiresAt ? when(event.expiresAt) : t("untilWithdrawn")}</dd>
                <dt className="text-slate-700">{t("record")}</dt>
                <dd className="break-all font-mono text-xs">{event.id}</dd>
                <dt className="text-slate-700">{t("fingerprint")}</dt>
                <dd className="break-all font-mono text-xs">{event.hash}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <div className="flex flex-col gap-2">
        <a href={jsonHref} className="min-h-11 self-start content-center text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("json")}
        </a>
        <a href={manageHref} className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("manage")}
        </a>
      </div>
    </div>
  );
}

/** The purpose's name, marked with the language it is in. */
function PurposeName({ name: { text, lang } }: { name: NameInLanguage }) {
  return (
    <span className="font-medium" lang={lang}>
      {text}
    </span>
  );
}
