import { getTranslations } from "next-intl/server";
import { PurposeLedgerForm } from "@/components/catalog/purpose-ledger-form";
import { PurposeLegalForm } from "@/components/catalog/purpose-legal-form";
import { SmsKeywords } from "@/components/catalog/sms-keywords";
import { CatalogEntryForm } from "@/components/console/catalog-entry-form";
import { listSmsKeywords, readPurposeLedgerRules } from "@/lib/catalog/ledger-rules";
import { readPurposeLegal } from "@/lib/catalog/purpose-legal";
import { CONTACT_CHANNELS, nameIn, readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { CAN } from "@/lib/tenancy/schemas";
import { addPurposeAction, addTopicAction } from "@/lib/actions/console/catalog";

type Props = { params: Promise<{ locale: string; workspaceId: string }>; searchParams: Promise<{ purpose?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "catalog" });
  return { title: t("title") };
}

export default async function CatalogPage({ params, searchParams }: Props) {
  const { locale, workspaceId } = await params;
  // ?purpose=<key>: a notice's completeness message links here to open that purpose's legal details.
  const focus = (await searchParams).purpose;
  const workspace = await workspaceForPage(workspaceId);
  const [catalog, legal, ledgerRules, smsKeywords, t, channels] = await Promise.all([
    readAsOperator((sql) => readCatalog(sql, workspace.id)),
    readAsOperator((sql) => readPurposeLegal(sql, workspace.id)),
    readAsOperator((sql) => readPurposeLedgerRules(sql, workspace.id)),
    readAsOperator((sql) => listSmsKeywords(sql, workspace.id)),
    getTranslations("catalog"),
    getTranslations("channels"),
  ]);
  const legalOf = (purposeId: string) => legal.find((entry) => entry.id === purposeId);
  const rulesOf = (purposeId: string) => ledgerRules.find((entry) => entry.id === purposeId);
  const canEditLedgerRules = CAN.editLedgerRules(workspace.myRole);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <section aria-labelledby="purposes-heading" className="flex flex-col gap-3">
        <h2 id="purposes-heading" className="text-lg font-medium">{t("purposes")}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {catalog.purposes.map((purpose) => (
            <li key={purpose.id} id={`purpose-${purpose.key}`} className="flex flex-wrap items-baseline gap-3 px-4 py-3" data-testid="purpose-row">
              <span className="font-medium">{nameIn(purpose.name, locale)}</span>
              <code className="text-xs text-slate-700">{purpose.key}</code>
              <span className="text-xs text-slate-700">
                {t("apiId")} <code data-testid="purpose-id">{purpose.id}</code>
              </span>
              {purpose.necessary ? <span className="rounded bg-slate-200 px-2 text-xs">{t("necessary")}</span> : null}
              {rulesOf(purpose.id)?.doubleOptIn ? <span className="rounded bg-sky-100 px-2 text-xs text-sky-950">{t("ledgerRules.doubleOptInBadge")}</span> : null}
              {rulesOf(purpose.id)?.consentValidDays ? (
                <span className="rounded bg-amber-100 px-2 text-xs text-amber-950">{t("ledgerRules.lastsBadge", { days: rulesOf(purpose.id)!.consentValidDays! })}</span>
              ) : null}
              <span className="w-full text-sm text-slate-700">{nameIn(purpose.description, locale)}</span>
              {rulesOf(purpose.id) ? (
                <details className="w-full">
                  <summary className="cursor-pointer text-sm font-medium text-sky-800">{t("ledgerRules.summary", { purpose: nameIn(purpose.name, locale) })}</summary>
                  <div className="mt-3">
                    <PurposeLedgerForm workspaceId={workspace.id} rules={rulesOf(purpose.id)!} canEdit={canEditLedgerRules} />
                  </div>
                </details>
              ) : null}
              {legalOf(purpose.id) ? (
                <details className="w-full" open={focus === purpose.key}>
                  <summary className="cursor-pointer text-sm font-medium text-sky-800">{t("legalDetails", { purpose: nameIn(purpose.name, locale) })}</summary>
                  <div className="mt-3">
                    <PurposeLegalForm workspaceId={workspace.id} purpose={legalOf(purpose.id)!} canEdit={CAN.editPurposes(workspace.myRole)} />
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {CAN.editPurposes(workspace.myRole) ? (
          <details className="rounded-lg border border-slate-300 bg-white p-4">
            <summary className="cursor-pointer font-medium">{t("addPurpose")}</summary>
            <div className="mt-3">
              <CatalogEntryForm action={addPurposeAction} workspaceId={workspace.id} withNecessary submitLabel={t("addPurpose")} />
            </div>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="topics-heading" className="flex flex-col gap-3">
        <h2 id="topics-heading" className="text-lg font-medium">{t("topics")}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {catalog.topics.map((topic) => (
            <li key={topic.id} className="flex gap-3 px-4 py-3" data-testid="topic-row">
              <span className="font-medium">{nameIn(topic.name, locale)}</span>
              <code className="text-xs text-slate-700">{topic.key}</code>
            </li>
          ))}
        </ul>
        {CAN.editTopics(workspace.myRole) ? (
          <details className="rounded-lg border border-slate-300 bg-white p-4">
            <summary className="cursor-pointer font-medium">{t("addTopic")}</summary>
            <div className="mt-3">
              <CatalogEntryForm action={addTopicAction} workspaceId={workspace.id} withNecessary={false} submitLabel={t("addTopic")} />
            </div>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="sms-keywords-heading" className="flex flex-col gap-3">
        <h2 id="sms-keywords-heading" className="text-lg font-medium">{t("smsKeywords.title")}</h2>
        <p className="text-sm text-slate-700">{t("smsKeywords.intro")}</p>
        <SmsKeywords workspaceId={workspace.id} keywords={smsKeywords} canEdit={canEditLedgerRules} />
      </section>
      <section aria-labelledby="channels-heading" className="flex flex-col gap-3">
        <h2 id="channels-heading" className="text-lg font-medium">{t("channels")}</h2>
        <p className="text-sm text-slate-700">{t("channelsIntro")}</p>
        <ul className="flex flex-wrap gap-2">
          {CONTACT_CHANNELS.map((channel) => (
            <li key={channel} className="rounded-full border border-slate-400 bg-white px-3 py-1 text-sm">{channels(channel)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
