import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/console/audit-filters";
import { AuditEntryChanges, spelledOut } from "@/components/console/audit-entry-changes";
import { VerifyChain } from "@/components/console/verify-chain";
import { AUDIT_PAGE_SIZE, auditFilterSchema, listAuditActions, listAuditEntries } from "@/lib/audit/audit-log";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { CAN } from "@/lib/tenancy/schemas";

type Props = {
  params: Promise<{ locale: string; workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "audit" });
  return { title: t("title") };
}

export default async function AuditLogPage({ params, searchParams }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!CAN.readAudit(workspace.myRole)) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const [entries, actions, t, format] = await Promise.all([
    readAsOperator((sql) => listAuditEntries(sql, workspace.id, filter)),
    readAsOperator((sql) => listAuditActions(sql, workspace.id)),
    getTranslations("audit"),
    getFormatter(),
  ]);
  const older = entries.length === AUDIT_PAGE_SIZE ? entries.at(-1)!.seq : null;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <VerifyChain workspaceId={workspace.id} locale={locale} />
      </div>
      <p className="text-slate-700">{t("intro")}</p>
      <AuditFilters actions={actions.map((a) => a.action)} filter={filter} />
      {!parsed.success ? <p role="alert" className="text-red-800">{t("badFilter")}</p> : null}
      {entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">#</th>
                <th scope="col" className="px-3 py-2">{t("time")}</th>
                <th scope="col" className="px-3 py-2">{t("actor")}</th>
                <th scope="col" className="px-3 py-2">{t("action")}</th>
                <th scope="col" className="px-3 py-2">{t("changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-t border-slate-200 align-top" data-testid="audit-row">
                  <td className="px-3 py-2 tabular-nums">{entry.seq}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={new Date(entry.occurredAt).toISOString()}>{format.dateTime(entry.occurredAt, { dateStyle: "medium", timeStyle: "medium" })}</time>
                  </td>
                  <td className="px-3 py-2">{entry.actorEmail ?? t("system", { role: entry.actorRole })}</td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : spelledOut(entry.action)}</span>
                  </td>
                  <td className="px-3 py-2">
                    <AuditEntryChanges before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {older ? (
        <Link href={{ pathname: `/w/${workspace.id}/audit`, query: { ...raw, before: String(older) } }} className="self-start font-medium text-sky-800 underline">
          {t("older")}
        </Link>
      ) : null}
    </>
  );
}
