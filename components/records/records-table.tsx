import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { RecordRow } from "@/lib/records/search";

/** The events of one page, newest first; each links to the person's timeline. */
export function RecordsTable({ workspaceId, rows, purposeLabel }: { workspaceId: string; rows: RecordRow[]; purposeLabel: (id: string, key: string) => string }) {
  const t = useTranslations("records");
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-2">{t("table.received")}</th>
            <th scope="col" className="px-3 py-2">{t("table.person")}</th>
            <th scope="col" className="px-3 py-2">{t("table.purpose")}</th>
            <th scope="col" className="px-3 py-2">{t("table.state")}</th>
            <th scope="col" className="px-3 py-2">{t("table.how")}</th>
            <th scope="col" className="px-3 py-2">{t("table.region")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-200 align-top" data-testid="record-row">
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={new Date(row.receivedAt).toISOString()}>{format.dateTime(row.receivedAt, { dateStyle: "medium", timeStyle: "medium" })}</time>
              </td>
              <td className="px-3 py-2">
                <Link href={`/w/${workspaceId}/records/${row.subjectId}`} className="font-mono text-xs text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
                  <span className="sr-only">{t("table.openTimeline")} </span>
                  {row.subjectId.slice(0, 8)}
                </Link>
                <span className="block text-xs text-slate-700">{t(`identifierKinds.${row.identifierKind}`)}</span>
              </td>
              <td className="px-3 py-2">{purposeLabel(row.purposeId, row.purposeKey)}</td>
              <td className="px-3 py-2 font-medium">{t(`states.${row.state}`)}</td>
              <td className="px-3 py-2">
                {t(`methods.${row.method}`)}
                <span className="block text-xs text-slate-700">
                  {t(`channels.${row.channel}`)} · {t(`expressedBy.${row.expressedBy}`)}
                </span>
              </td>
              <td className="px-3 py-2">
                {row.regionCode} <span className="text-xs text-slate-700">{row.language}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
