import { getFormatter, getTranslations } from "next-intl/server";
import { retryDeliveryAction } from "@/lib/actions/console/destinations";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/submit-button";
import { Link } from "@/lib/i18n/navigation";
import { DELIVERY_STATUSES, type DeliveryLogFilters, type DeliveryLogRow } from "@/lib/sync/console/delivery-log";

const inputClass =
  "min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600";

/** The filters of the delivery log: a GET form, so a filtered log has its own address. */
export async function DeliveryLogFilterForm({ filters }: { filters: DeliveryLogFilters }) {
  const t = await getTranslations("destinations.log");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
      <div className="flex flex-col gap-1">
        <label htmlFor="log-status" className="text-sm font-medium">{t("status")}</label>
        <select id="log-status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
          <option value="">{t("anyStatus")}</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>{t(`statuses.${status}`)}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="log-person" className="text-sm font-medium">{t("person")}</label>
        <input id="log-person" name="person" defaultValue={filters.person ?? ""} maxLength={36} className={`${inputClass} font-mono text-xs`} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="log-from" className="text-sm font-medium">{t("from")}</label>
        <input id="log-from" name="from" type="datetime-local" defaultValue={filters.from ?? ""} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="log-to" className="text-sm font-medium">{t("to")}</label>
        <input id="log-to" name="to" type="datetime-local" defaultValue={filters.to ?? ""} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>{t("apply")}</button>
    </form>
  );
}

/** Deliveries newest first: status, person, attempts, and on opening the payload and the receiver's answers (secrets masked). */
export async function DeliveryLog({ workspaceId, rows, canManage }: { workspaceId: string; rows: DeliveryLogRow[]; canManage: boolean }) {
  const [t, format] = await Promise.all([getTranslations("destinations.log"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  if (rows.length === 0) return <p className="rounded-md border border-dashed border-slate-400 bg-white p-4 text-slate-700">{t("empty")}</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label={t("label")}>
      {rows.map((row) => (
        <li key={row.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4 text-sm" data-testid="delivery-row">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span className={`rounded-full border px-2 py-0.5 ${row.status === "dead" ? "border-red-700 text-red-800" : row.status === "delivered" ? "border-emerald-700 text-emerald-900" : "border-slate-500"}`}>
              {t(`statuses.${row.status}`)}
            </span>
            <span>{when(row.createdAt)}</span>
            <Link href={`/w/${workspaceId}/records/${row.subjectId}`} className="text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
              {t("openPerson", { seq: row.seq })}
            </Link>
            <span>{t("attempts", { count: row.attempts })}</span>
            {row.deliveredAt ? <span>{t("deliveredAt", { time: when(row.deliveredAt) })}</span> : null}
            {row.replayOf ? <span className="text-slate-700">{t("replay")}</span> : null}
          </div>
          {row.lastError ? <p className="break-words text-red-800">{t("lastError", { error: row.lastError })}</p> : null}
          <details>
            <summary className="cursor-pointer text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">{t("details")}</summary>
            <div className="mt-2 flex flex-col gap-2">
              <p className="font-mono text-xs">{t("messageId", { id: row.id })}</p>
              <h3 className="font-medium">{t("payload")}</h3>
              <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-2 text-xs" data-testid="delivery-payload">{row.payloadExcerpt ?? t("payloadHidden")}</pre>
              <h3 className="font-medium">{t("recentAttempts")}</h3>
              {row.recent.length === 0 ? (
                <p>{t("noAttempts")}</p>
              ) : (
                <ul className="flex flex-col gap-1">
                  {row.recent.map((attempt) => (
                    <li key={attempt.attemptedAt.toISOString()} className="flex flex-col gap-1 border-t border-slate-200 pt-1">
                      <span>
                        {when(attempt.attemptedAt)} · {attempt.statusCode ?? t("noResponse")} · {t("latency", { ms: attempt.latencyMs })} · {attempt.ok ? t("ok") : t("failed")}
                      </span>
                      {attempt.error ? <span className="break-words text-red-800">{attempt.error}</span> : null}
                      {attempt.responseExcerpt ? <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-50 p-2 text-xs" data-testid="delivery-response">{attempt.responseExcerpt}</pre> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </details>
          {canManage && (row.status === "dead" || row.status === "retrying") ? (
            <ActionForm action={retryDeliveryAction} hidden={{ workspaceId, deliveryId: row.id }} success={t("retried")}>
              <SubmitButton tone="secondary" pendingLabel={t("working")}>{t("retry", { seq: row.seq })}</SubmitButton>
            </ActionForm>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
