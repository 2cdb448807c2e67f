import { useFormatter, useTranslations } from "next-intl";
import type { TimelineEvent } from "@/lib/records/timeline";
import { spelledOut } from "@/components/console/audit-entry-changes";
import type { PropagationSummary } from "@/lib/sync/console/propagation";
import { EventPropagation } from "./event-propagation";

/** One ledger event as proof: what was decided, how, the version and notice text shown, and the audit entries around it. */
export function TimelineEventCard({
  entry,
  purposeLabel,
  showAudit,
  propagation,
}: {
  entry: TimelineEvent;
  purposeLabel: string;
  showAudit: boolean;
  /** Where this change was delivered (sync destinations); undefined when it went nowhere. */
  propagation: PropagationSummary | undefined;
}) {
  const t = useTranslations("records");
  const auditT = useTranslations("audit");
  const actionLabel = (action: string) => (auditT.has(`actions.${action}`) ? auditT(`actions.${action}`) : spelledOut(action));
  const format = useFormatter();
  const { event, experienceVersion, notices, audit } = entry;
  const when = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "medium" });
  const headingId = `event-${event.id}`;
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" data-testid="timeline-event" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-base font-semibold">
        {purposeLabel}: {t(`states.${event.state}`)}
        <span className="ml-2 text-sm font-normal text-slate-700">
          <time dateTime={new Date(event.receivedAt).toISOString()}>{when(event.receivedAt)}</time>
        </span>
      </h3>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("timeline.how")}</dt>
        <dd>
          {t(`methods.${event.method}`)} · {t(`channels.${event.channel}`)} · {t(`expressedBy.${event.expressedBy}`)}
          {event.contactChannel ? ` · ${event.contactChannel}` : ""}
        </dd>
        <dt className="font-medium">{t("timeline.where")}</dt>
        <dd>
          {event.regionCode} ({String(event.regionResolution.method ?? "")}) · {event.language}
        </dd>
        <dt className="font-medium">{t("timeline.identifier")}</dt>
        <dd>
          {t(`identifierKinds.${event.identifierKind}`)} <code className="text-xs">{event.identifierHash.slice(0, 16)}…</code>
        </dd>
        {typeof event.context.operator_email === "string" ? (
          <>
            <dt className="font-medium">{t("timeline.operator")}</dt>
            <dd>
              {event.context.operator_email}
              {typeof event.context.reference === "string" ? ` · ${event.context.reference}` : ""}
            </dd>
          </>
        ) : null}
        {event.expiresAt ? (
          <>
            <dt className="font-medium">{t("timeline.expires")}</dt>
            <dd>{when(event.expiresAt)}</dd>
          </>
        ) : null}
        <dt className="font-medium">{t("timeline.version")}</dt>
        <dd data-testid="event-version">
          {experienceVersion
            ? t("timeline.versionShown", { name: experienceVersion.experienceName, number: experienceVersion.number, published: when(experienceVersion.publishedAt) })
            : t("timeline.noVersion")}
          {experienceVersion ? <code className="block text-xs break-all text-slate-700">{experienceVersion.contentHash}</code> : null}
        </dd>
        <dt className="font-medium">{t("timeline.chain")}</dt>
        <dd className={entry.chainVerified ? "text-emerald-900" : "font-semibold text-red-800"}>
          {entry.chainVerified ? t("timeline.chainVerified", { seq: event.seq }) : t("timeline.chainBroken", { seq: event.seq })}
        </dd>
        <dt className="font-medium">{t("propagation.title")}</dt>
        <EventPropagation summary={propagation} />
      </dl>
      {notices.map((notice) => (
        <details key={notice.versionId} className="rounded-md border border-slate-200 p-3" open>
          <summary className="cursor-pointer text-sm font-medium focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("timeline.notice", { name: notice.noticeName, number: notice.number, locale: notice.locale })}
          </summary>
          <div className="mt-2 flex flex-col gap-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6" lang={notice.locale} data-testid="notice-text" dangerouslySetInnerHTML={{ __html: notice.html }} />
        </details>
      ))}
      {showAudit ? (
        audit.length > 0 ? (
          <div>
            <h4 className="text-sm font-semibold">{t("timeline.audit")}</h4>
            <ul className="text-sm">
              {audit.map((a) => (
                <li key={a.id}>
                  <time dateTime={new Date(a.occurredAt).toISOString()}>{when(a.occurredAt)}</time> · <span data-action={a.action}>{actionLabel(a.action)}</span> ·{" "}
                  {a.actorEmail ?? a.actorRole}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-slate-700">{t("timeline.noAudit")}</p>
        )
      ) : null}
    </li>
  );
}
