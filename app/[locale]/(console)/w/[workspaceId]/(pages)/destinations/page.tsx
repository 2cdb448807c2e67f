import { getLocale, getTranslations } from "next-intl/server";
import { DestinationForm } from "@/components/destinations/destination-form";
import { DestinationStatus, HealthSummary } from "@/components/destinations/health-summary";
import { readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { destinationHealth } from "@/lib/sync/console/health";
import { listDestinations } from "@/lib/sync/destinations";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "destinations" });
  return { title: t("title") };
}

/**
 * Where consent changes are delivered (webhooks, NATS subjects) and how that is going. Every
 * member reads it (RLS); owners and admins create and manage destinations.
 */
export default async function DestinationsPage({ params }: Props) {
  const { workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const canManage = CAN.manageMembers(workspace.myRole);
  const [destinations, health, catalog, t, locale] = await Promise.all([
    readAsOperator((sql) => listDestinations(sql, workspace.id)),
    readAsOperator((sql) => destinationHealth(sql, workspace.id)),
    canManage ? readAsOperator((sql) => readCatalog(sql, workspace.id)) : Promise.resolve(null),
    getTranslations("destinations"),
    getLocale(),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {!canManage ? <p className="text-sm text-slate-700">{t("readOnly")}</p> : null}
      {destinations.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
          {destinations.map((destination) => (
            <li key={destination.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" data-testid="destination-row">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <h2 className="text-lg font-medium">
                  <Link href={`/w/${workspace.id}/destinations/${destination.id}`} className="text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
                    {destination.name}
                  </Link>
                </h2>
                <span className="text-sm text-slate-700">{t(`kinds.${destination.kind}`)}</span>
                <DestinationStatus paused={destination.paused} disabledAt={destination.disabledAt} />
              </div>
              <p className="break-all font-mono text-xs text-slate-800">{destination.url ?? `${destination.nats?.subject} @ ${destination.nats?.servers.join(", ")}`}</p>
              <HealthSummary health={health.get(destination.id)} />
            </li>
          ))}
        </ul>
      )}
      {canManage && catalog ? (
        <section aria-labelledby="new-destination-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="new-destination-heading" className="text-lg font-medium">{t("newTitle")}</h2>
          <DestinationForm workspaceId={workspace.id} purposes={catalog.purposes.map((p) => ({ key: p.key, label: p.name[locale] ?? p.name.en ?? p.key }))} />
        </section>
      ) : null}
    </>
  );
}
