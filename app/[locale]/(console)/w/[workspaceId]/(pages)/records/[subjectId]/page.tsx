import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { OperatorEntryForm } from "@/components/records/operator-entry-form";
import { TimelineEventCard } from "@/components/records/timeline-event";
import { readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { publishedVersionOptions } from "@/lib/records/operator-options";
import { RECORDS_CAN } from "@/lib/records/permissions";
import { subjectTimeline } from "@/lib/records/timeline";
import { eventPropagation } from "@/lib/sync/console/propagation";

type Props = { params: Promise<{ locale: string; workspaceId: string; subjectId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "records" });
  return { title: t("timeline.title") };
}

export default async function SubjectTimelinePage({ params }: Props) {
  const { workspaceId, subjectId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subjectId)) notFound();
  const canRecord = RECORDS_CAN.recordForPerson(workspace.myRole);
  const [timeline, catalog, versions, t, format, locale] = await Promise.all([
    readAsOperator((sql) => subjectTimeline(sql, workspace.id, subjectId)),
    readAsOperator((sql) => readCatalog(sql, workspace.id)),
    canRecord ? readAsOperator((sql) => publishedVersionOptions(sql, workspace.id)) : Promise.resolve([]),
    getTranslations("records"),
    getFormatter(),
    getLocale(),
  ]);
  if (!timeline) notFound();
  const propagation = await readAsOperator((sql) => eventPropagation(sql, workspace.id, timeline.events.map((e) => e.event.id)));
  const purposes = catalog.purposes.map((p) => ({ id: p.id, label: p.name[locale] ?? p.name.en ?? p.key }));
  const purposeLabel = (id: string, key: unknown) => purposes.find((p) => p.id === id)?.label ?? String(key ?? id);
  const showAudit = RECORDS_CAN.export(workspace.myRole);
  const brokenChain = timeline.chains.find((chain) => !chain.valid);
  return (
    <>
      <Link href={`/w/${workspace.id}/records`} className="self-start text-sm text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
        {t("timeline.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("timeline.title")}</h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("timeline.subject")}</dt>
        <dd className="font-mono text-xs" data-testid="subject-id">
          {timeline.subjectId}
        </dd>
        <dt className="font-medium">{t("timeline.firstSeen")}</dt>
        <dd>{format.dateTime(timeline.createdAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
        <dt className="font-medium">{t("timeline.identifiers")}</dt>
        <dd>{timeline.identifiers.map((i) => t(`identifierKinds.${i.kind}`)).join(", ") || "—"}</dd>
        <dt className="font-medium">{t("timeline.chainTitle")}</dt>
        <dd className={brokenChain ? "font-semibold text-red-800" : "text-emerald-900"}>
          {brokenChain
            ? t("timeline.chainsBroken", { seq: brokenChain.firstInvalidSeq ?? 0, reason: brokenChain.reason ?? "" })
            : t("timeline.chainsValid", { count: timeline.chains.reduce((sum, chain) => sum + chain.checkedRows, 0) })}
        </dd>
      </dl>
      {timeline.mergedInto ? (
        <p className="text-sm">
          {t("timeline.merged")}{" "}
          <Link href={`/w/${workspace.id}/records/${timeline.mergedInto}`} className="text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("timeline.openMerged")}
          </Link>
        </p>
      ) : null}
      <h2 className="text-lg font-semibold">{t("timeline.events", { count: timeline.events.length })}</h2>
      {!showAudit ? <p className="text-sm text-slate-700">{t("timeline.auditHidden")}</p> : null}
      {timeline.events.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{t("timeline.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {timeline.events.map((entry) => (
            <TimelineEventCard key={entry.event.id} entry={entry} purposeLabel={purposeLabel(entry.event.purposeId, entry.event.purpose.key)} showAudit={showAudit} propagation={propagation.get(entry.event.id)} />
          ))}
        </ol>
      )}
      {canRecord && !timeline.mergedInto && timeline.identifiers.length > 0 ? (
        <OperatorEntryForm
          workspaceId={workspace.id}
          subjectId={timeline.subjectId}
          identifierKinds={[...new Set(timeline.identifiers.map((i) => i.kind))]}
          purposes={purposes}
          versions={versions}
        />
      ) : null}
    </>
  );
}
