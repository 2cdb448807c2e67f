import { getFormatter, getTranslations } from "next-intl/server";
import type { DestinationHealth } from "@/lib/sync/console/health";

/** Success rate, p95 lag, backlog, failed deliveries and the last error of one destination (last 24 hours). */
export async function HealthSummary({ health }: { health: DestinationHealth | undefined }) {
  const [t, format] = await Promise.all([getTranslations("destinations.health"), getFormatter()]);
  const none = t("none");
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]" data-testid="destination-health">
      <dt className="font-medium">{t("successRate")}</dt>
      <dd>{health?.successRate != null ? format.number(health.successRate, { style: "percent", maximumFractionDigits: 1 }) : none}</dd>
      <dt className="font-medium">{t("p95Lag")}</dt>
      <dd>{health?.p95LagMs != null ? t("ms", { ms: Math.round(health.p95LagMs) }) : none}</dd>
      <dt className="font-medium">{t("backlog")}</dt>
      <dd data-testid="destination-backlog">{health?.backlog ?? 0}</dd>
      <dt className="font-medium">{t("dead")}</dt>
      <dd className={health?.dead ? "font-semibold text-red-800" : undefined} data-testid="destination-dead">
        {health?.dead ?? 0}
      </dd>
      <dt className="font-medium">{t("lastError")}</dt>
      <dd className="col-span-1 break-words sm:col-span-3">
        {health?.lastError ? `${health.lastError} (${format.dateTime(health.lastErrorAt!, { dateStyle: "medium", timeStyle: "short" })})` : none}
      </dd>
    </dl>
  );
}

/** Active, paused, or disabled by the engine (a 410, days of failures). */
export async function DestinationStatus({ paused, disabledAt }: { paused: boolean; disabledAt: Date | null }) {
  const t = await getTranslations("destinations.status");
  const [label, tone] = disabledAt ? [t("disabled"), "border-red-700 text-red-800"] : paused ? [t("paused"), "border-amber-700 text-amber-900"] : [t("active"), "border-emerald-700 text-emerald-900"];
  return <span className={`rounded-full border px-2 py-0.5 text-sm ${tone}`} data-testid="destination-status">{label}</span>;
}
