import { useFormatter, useTranslations } from "next-intl";
import type { PropagationSummary } from "@/lib/sync/console/propagation";

/** Proof of propagation for one change: "delivered everywhere", "pending at X", "failed at Y", and per destination when. */
export function EventPropagation({ summary }: { summary: PropagationSummary | undefined }) {
  const t = useTranslations("records.propagation");
  const statusT = useTranslations("destinations.log.statuses");
  const format = useFormatter();
  if (!summary) return <dd data-testid="event-propagation">{t("nowhere")}</dd>;
  const headline = summary.deliveredEverywhere
    ? t("everywhere")
    : [summary.failed.length > 0 ? t("failedAt", { names: summary.failed.join(", ") }) : null, summary.pending.length > 0 ? t("pendingAt", { names: summary.pending.join(", ") }) : null]
        .filter(Boolean)
        .join(" · ");
  return (
    <dd data-testid="event-propagation">
      <p className={summary.failed.length > 0 ? "font-semibold text-red-800" : summary.deliveredEverywhere ? "text-emerald-900" : undefined} data-testid="propagation-summary">
        {headline}
      </p>
      <ul className="text-sm">
        {summary.destinations.map((d) => (
          <li key={d.destinationId}>
            {d.destinationName}
            {d.destinationDeleted ? ` (${t("deleted")})` : ""}: {statusT(d.status)}
            {d.deliveredAt ? ` · ${format.dateTime(d.deliveredAt, { dateStyle: "medium", timeStyle: "medium" })}` : ""} · {t("attempts", { count: d.attempts })}
          </li>
        ))}
      </ul>
    </dd>
  );
}
