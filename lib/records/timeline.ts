import "server-only";
import { verifySubjectChain, type SubjectChainVerdict } from "@/lib/consent/verify";
import { CONSENT_EVENT_COLUMNS, type ConsentEvent, type IdentifierKind } from "@/lib/consent/types";
import type { Sql } from "@/lib/db/types";
import { isContentLocale, type Locale } from "@/lib/experience/localized";
import { renderNoticeContent } from "@/lib/notices/render";
import { noticeContentSchema } from "@/lib/notices/schemas";
import { auditEntriesAround, type TimelineAuditEntry } from "./timeline-audit";

/** A notice version an event pins, rendered as the person saw it: sanitized HTML in the event's language. */
export interface ShownNotice {
  noticeId: string;
  noticeName: string;
  versionId: string;
  number: number;
  contentHash: string | null;
  /** The language rendered: the event's, else its base language, else the notice's source language. */
  locale: Locale;
  html: string;
}

export interface ShownExperienceVersion {
  id: string;
  experienceId: string;
  experienceName: string;
  number: number;
  contentHash: string;
  publishedAt: Date;
}

export interface TimelineEvent {
  event: ConsentEvent;
  experienceVersion: ShownExperienceVersion | null;
  notices: ShownNotice[];
  /** True when the event's subject chain verifies up to and including this event. */
  chainVerified: boolean;
  audit: TimelineAuditEntry[];
}

export interface SubjectTimeline {
  subjectId: string;
  createdAt: Date;
  mergedInto: string | null;
  identifiers: { kind: IdentifierKind; createdAt: Date; linkedAt: Date | null }[];
  /** This subject and the anonymous ones merged into it. */
  subjectIds: string[];
  chains: (SubjectChainVerdict & { subjectId: string })[];
  events: TimelineEvent[];
}

/**
 * A person's consent history as proof: every event in order with the exact notice text and the
 * published experience version they were shown, the verdict of their hash chain, and the audit
 * entries around each event (timeline-audit.ts says which). Runs as the caller under RLS: any
 * member reads the ledger; audit entries appear for owners, admins and legal only. Null when the
 * subject is not visible (another workspace, or none).
 */
export async function subjectTimeline(sql: Sql, workspaceId: string, subjectId: string): Promise<SubjectTimeline | null> {
  const [subject] = await sql.query<{ id: string; createdAt: Date; mergedInto: string | null }>(
    `select id, created_at as "createdAt", merged_into as "mergedInto" from public.subjects where workspace_id = $1 and id = $2`,
    [workspaceId, subjectId],
  );
  if (!subject) return null;
  const joined = await sql.query<{ id: string }>(
    `with recursive joined(id) as (
       select $2::uuid
       union
       select s.id from public.subjects s join joined j on s.merged_into = j.id where s.workspace_id = $1
     ) select id from joined`,
    [workspaceId, subjectId],
  );
  const subjectIds = joined.map((row) => row.id);
  const [identifiers, events] = [
    await sql.query<{ kind: IdentifierKind; createdAt: Date; linkedAt: Date | null }>(
      `select kind, created_at as "createdAt", linked_at as "linkedAt" from public.subject_identifiers
       where workspace_id = $1 and subject_id = $2 order by created_at, kind`,
      [workspaceId, subjectId],
    ),
    await sql.query<ConsentEvent>(
      `select ${CONSENT_EVENT_COLUMNS} from public.consent_events e
       where e.workspace_id = $1 and e.subject_id = any ($2::uuid[])
       order by e.received_at, e.subject_id, e.seq`,
      [workspaceId, subjectIds],
    ),
  ];
  const chains: SubjectTimeline["chains"] = [];
  for (const id of subjectIds) chains.push({ subjectId: id, ...(await verifySubjectChain(sql, id)) });

  const versionIds = [...new Set(events.flatMap((e) => (e.experienceVersionId ? [e.experienceVersionId] : [])))];
  const noticeVersionIds = [...new Set(events.flatMap((e) => Object.values(e.noticeVersions)))];
  const versions = await experienceVersions(sql, workspaceId, versionIds);
  const notices = await noticeVersions(sql, workspaceId, noticeVersionIds);
  const audit = await auditEntriesAround(sql, workspaceId, { subjectIds, versionIds, noticeVersionIds, events });

  const rendered = new Map<string, ShownNotice>();
  const shown = (versionId: string, language: string): ShownNotice | null => {
    const version = notices.get(versionId);
    if (!version) return null;
    const locale = contentLocaleFor(language, version);
    const key = `${versionId}|${locale}`;
    if (!rendered.has(key)) {
      const content = noticeContentSchema.safeParse(version.content);
      rendered.set(key, {
        noticeId: version.noticeId,
        noticeName: version.noticeName,
        versionId,
        number: version.number,
        contentHash: version.contentHash,
        locale,
        html: content.success ? renderNoticeContent(content.data, locale, version.sourceLocale) : "",
      });
    }
    return rendered.get(key)!;
  };

  return {
    subjectId: subject.id,
    createdAt: subject.createdAt,
    mergedInto: subject.mergedInto,
    identifiers,
    subjectIds,
    chains,
    events: events.map((event) => {
      const chain = chains.find((c) => c.subjectId === event.subjectId);
      return {
        event,
        experienceVersion: event.experienceVersionId ? (versions.get(event.experienceVersionId) ?? null) : null,
        notices: Object.values(event.noticeVersions).flatMap((versionId) => shown(versionId, event.language) ?? []),
        chainVerified: chain ? chain.valid || (chain.firstInvalidSeq !== null && event.seq < chain.firstInvalidSeq) : false,
        audit: audit.get(event.id) ?? [],
      };
    }),
  };
}

interface StoredNoticeVersion {
  id: string;
  noticeId: string;
  noticeName: string;
  number: number;
  contentHash: string | null;
  sourceLocale: Locale;
  content: unknown;
}

/** The event's language if the notice has it, else its base language (en-GB → en), else the notice's source language. */
function contentLocaleFor(language: string, version: StoredNoticeVersion): Locale {
  const content = (version.content ?? {}) as Record<string, unknown>;
  for (const candidate of [language, language.split("-")[0]!]) {
    if (isContentLocale(candidate) && candidate in content) return candidate;
  }
  return version.sourceLocale;
}

async function experienceVersions(sql: Sql, workspaceId: string, ids: string[]): Promise<Map<string, ShownExperienceVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<ShownExperienceVersion>(
    `select v.id, v.experience_id as "experienceId", x.name as "experienceName", v.number, v.content_hash as "contentHash",
            v.published_at as "publishedAt"
     from public.experience_versions v join public.experiences x on x.id = v.experience_id
     where v.workspace_id = $1 and v.id = any ($2::uuid[])`,
    [workspaceId, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function noticeVersions(sql: Sql, workspaceId: string, ids: string[]): Promise<Map<string, StoredNoticeVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<StoredNoticeVersion>(
    `select v.id, v.notice_id as "noticeId", n.name as "noticeName", v.number, v.content_hash as "contentHash",
            n.source_locale as "sourceLocale", v.content
     from public.notice_versions v join public.notices n on n.id = v.notice_id
     where v.workspace_id = $1 and v.id::text = any ($2::text[])`,
    [workspaceId, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
