import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { deleteDestinationAction, sendTestDeliveryAction, setDestinationPausedAction } from "@/lib/actions/console/destinations";
import { DeliveryLog, DeliveryLogFilterForm } from "@/components/destinations/delivery-log";
import { DestinationForm } from "@/components/destinations/destination-form";
import { DestinationStatus, HealthSummary } from "@/components/destinations/health-summary";
import { ReplayForm } from "@/components/destinations/replay-form";
import { RotateSecretForm } from "@/components/destinations/rotate-secret-form";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { deliveryLog, deliveryLogFiltersSchema } from "@/lib/sync/console/delivery-log";
import { destinationHealth } from "@/lib/sync/console/health";
import { getDestination } from "@/lib/sync/destinations";
import { isUuid } from "@/lib/sync/destinations/read";
import { CAN } from "@/lib/tenancy/schemas";

type Props = {
  params: Promise<{ locale: string; workspaceId: string; destinationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "destinations" });
  return { title: t("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
/** `YYYY-MM-DDTHH:mm` in UTC, as a datetime-local field shows it. */
const utcLocal = (date: Date) => date.toISOString().slice(0, 16);

/** One destination: its settings and health, what owners and admins can do to it, and its delivery log. */
export default async function DestinationPage({ params, searchParams }: Props) {
  const { workspaceId, destinationId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!isUuid(destinationId)) notFound();
  const query = await searchParams;
  const filters = deliveryLogFiltersSchema.parse({ status: first(query.status), person: first(query.person), from: first(query.from), to: first(query.to) });
  const canManage = CAN.manageMembers(workspace.myRole);
  const destination = await readAsOperator((sql) => getDestination(sql, workspace.id, destinationId)).catch(() => null);
  if (!destination) notFound();
  const [health, log, catalog, t, records, locale] = await Promise.all([
    readAsOperator((sql) => destinationHealth(sql, workspace.id)),
    readAsOperator((sql) => deliveryLog(sql, workspace.id, destination.id, filters)),
    canManage ? readAsOperator((sql) => readCatalog(sql, workspace.id)) : Promise.resolve(null),
    getTranslations("destinations"),
    getTranslations("records"),
    getLocale(),
  ]);
  const hidden = { workspaceId: workspace.id, destinationId: destination.id };
  const now = new Date();
  const filterList = (values: readonly string[] | undefined, label: (value: string) => string = (v) => v) => (values ? values.map(label).join(", ") : t("all"));
  const policy = Object.entries(destination.identifierPolicy);
  return (
    <>
      <Link href={`/w/${workspace.id}/destinations`} className="self-start text-sm text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{destination.name}</h1>
        <DestinationStatus paused={destination.paused} disabledAt={destination.disabledAt} />
      </div>
      {destination.disabledReason ? <p className="text-sm text-red-800">{t("disabledBecause", { reason: destination.disabledReason })}</p> : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("form.kind")}</dt>
        <dd>{t(`kinds.${destination.kind}`)}</dd>
        <dt className="font-medium">{t("target")}</dt>
        <dd className="break-all font-mono text-xs">{destination.url ?? `${destination.nats?.subject} @ ${destination.nats?.servers.join(", ")}`}</dd>
        {destination.secretHint ? (
          <>
            <dt className="font-medium">{t("secretHint")}</dt>
            <dd className="font-mono text-xs">{destination.secretHint}</dd>
          </>
        ) : null}
        {destination.signingPublicKey ? (
          <>
            <dt className="font-medium">{t("publicKey")}</dt>
            <dd className="break-all font-mono text-xs">{destination.signingPublicKey}</dd>
          </>
        ) : null}
        <dt className="font-medium">{t("form.states")}</dt>
        <dd>{filterList(destination.filters.states, (s) => records(`states.${s}`))}</dd>
        <dt className="font-medium">{t("form.purposes")}</dt>
        <dd>{filterList(destination.filters.purposes)}</dd>
        <dt className="font-medium">{t("form.channels")}</dt>
        <dd>{filterList(destination.filters.channels, (c) => records(`channels.${c}`))}</dd>
        <dt className="font-medium">{t("form.regions")}</dt>
        <dd>{filterList(destination.filters.regions)}</dd>
        <dt className="font-medium">{t("form.policy")}</dt>
        <dd>{policy.length === 0 ? t("noIdentifiers") : policy.map(([kind, form]) => `${records(`identifierKinds.${kind}`)}: ${t(`forms.${form}`)}`).join(", ")}</dd>
      </dl>
      <section aria-labelledby="health-heading" className="flex flex-col gap-2">
        <h2 id="health-heading" className="text-lg font-semibold">{t("health.title")}</h2>
        <HealthSummary health={health.get(destination.id)} />
      </section>
      {canManage ? (
        <section aria-labelledby="manage-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="manage-heading" className="text-lg font-semibold">{t("manage")}</h2>
          <div className="flex flex-wrap gap-3">
            <ActionForm action={setDestinationPausedAction} hidden={{ ...hidden, paused: String(!destination.paused && !destination.disabledAt) }} success={t("done")}>
              <SubmitButton tone="secondary" pendingLabel={t("working")}>{destination.paused || destination.disabledAt ? t("resume") : t("pause")}</SubmitButton>
            </ActionForm>
            <ActionForm action={sendTestDeliveryAction} hidden={hidden} success={t("testSent")}>
              <SubmitButton tone="secondary" pendingLabel={t("working")}>{t("sendTest")}</SubmitButton>
            </ActionForm>
          </div>
          <p className="text-sm text-slate-700">{t("sendTestHint")}</p>
          {destination.kind === "webhook" ? <RotateSecretForm workspaceId={workspace.id} destinationId={destination.id} /> : null}
          <h3 className="font-medium">{t("replay.title")}</h3>
          <ReplayForm workspaceId={workspace.id} destinationId={destination.id} defaultFrom={utcLocal(new Date(now.getTime() - 3600_000))} defaultTo={utcLocal(new Date(now.getTime() + 60_000))} />
          <h3 className="font-medium">{t("editTitle")}</h3>
          {catalog ? <DestinationForm workspaceId={workspace.id} destination={destination} purposes={catalog.purposes.map((p) => ({ key: p.key, label: p.name[locale] ?? p.name.en ?? p.key }))} /> : null}
          <h3 className="font-medium">{t("deleteTitle")}</h3>
          <p className="text-sm text-slate-700">{t("deleteHint")}</p>
          <ActionForm action={deleteDestinationAction} hidden={{ ...hidden, locale }}>
            <SubmitButton tone="danger" pendingLabel={t("working")}>{t("delete", { name: destination.name })}</SubmitButton>
          </ActionForm>
        </section>
      ) : null}
      <section aria-labelledby="log-heading" className="flex flex-col gap-3">
        <h2 id="log-heading" className="text-lg font-semibold">{t("log.title")}</h2>
        <p className="text-sm text-slate-700">{t("log.intro")}</p>
        <DeliveryLogFilterForm filters={filters} />
        <DeliveryLog workspaceId={workspace.id} rows={log} canManage={canManage} />
      </section>
    </>
  );
}
