import type { Sql } from "@/lib/db/types";
import { ExpectedError, toExpectedError } from "@/lib/errors";
import type { Locale } from "@/lib/experience/localized";
import {
  newNoticeSchema,
  type NoticeKind,
  type NoticeStatus,
  type NoticeSummary,
  type NoticeVersionSummary,
} from "./schemas";

/**
 * Notices as the console lists them. Every query runs as the caller (lib/db/caller.ts): RLS
 * decides what is visible, the workspace filter only scopes the page.
 */

interface SummaryRow {
  id: string;
  name: string;
  kind: NoticeKind;
  sourceLocale: Locale;
  locales: Locale[];
  latestId: string | null;
  latestNumber: number | null;
  latestStatus: NoticeStatus | null;
  approvedId: string | null;
  approvedNumber: number | null;
  approvedReviewedAt: Date | null;
}

const SUMMARY = `
  select n.id, n.name, n.kind, n.source_locale as "sourceLocale", n.locales,
         latest.id as "latestId", latest.number as "latestNumber", latest.status as "latestStatus",
         approved.id as "approvedId", approved.number as "approvedNumber", approved.reviewed_at as "approvedReviewedAt"
  from public.notices n
  left join lateral (
    select v.id, v.number, v.status from public.notice_versions v where v.notice_id = n.id order by v.number desc limit 1
  ) latest on true
  left join lateral (
    select v.id, v.number, v.reviewed_at from public.notice_versions v
    where v.notice_id = n.id and v.status = 'approved' order by v.number desc limit 1
  ) approved on true
  where n.workspace_id = $1`;

function toSummary(row: SummaryRow): NoticeSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    sourceLocale: row.sourceLocale,
    locales: row.locales,
    latest: row.latestId === null ? null : { id: row.latestId, number: row.latestNumber!, status: row.latestStatus! },
    approved:
      row.approvedId === null ? null : { id: row.approvedId, number: row.approvedNumber!, reviewedAt: row.approvedReviewedAt! },
  };
}

export async function listNotices(sql: Sql, workspaceId: string): Promise<NoticeSummary[]> {
  const rows = await sql.query<SummaryRow>(`${SUMMARY} order by lower(n.name), n.created_at`, [workspaceId]);
  return rows.map(toSummary);
}

/** A notice with its versions, newest first; null when the caller cannot see it. */
export async function getNotice(
  sql: Sql,
  workspaceId: string,
  noticeId: string,
): Promise<(NoticeSummary & { versions: NoticeVersionSummary[] }) | null> {
  const [row] = await sql.query<SummaryRow>(`${SUMMARY} and n.id = $2`, [workspaceId, noticeId]);
  if (!row) return null;
  const versions = await sql.query<NoticeVersionSummary>(
    `select v.id, v.number, v.status, author.email as "authorEmail", v.created_at as "createdAt",
            v.submitted_at as "submittedAt", v.reviewed_at as "reviewedAt", reviewer.email as "reviewerEmail",
            v.material_change as "materialChange", v.change_summary as "changeSummary"
     from public.notice_versions v
     left join public.profiles author on author.id = v.author_id
     left join public.profiles reviewer on reviewer.id = v.reviewed_by
     where v.workspace_id = $1 and v.notice_id = $2
     order by v.number desc`,
    [workspaceId, noticeId],
  );
  return { ...toSummary(row), versions };
}

/** Creates the notice and its version 1, an empty draft by the caller; returns the notice id. */
export async function createNotice(
  sql: Sql,
  workspaceId: string,
  input: { name: string; kind: NoticeKind; sourceLocale: Locale; locales: Locale[] },
): Promise<string> {
  const parsed = newNoticeSchema.safeParse(input);
  if (!parsed.success) throw new ExpectedError("invalid_input");
  const { name, kind, sourceLocale, locales } = parsed.data;
  try {
    const [row] = await sql.query<{ id: string }>("select public.create_notice($1, $2, $3, $4, $5) as id", [
      workspaceId,
      name,
      kind,
      sourceLocale,
      locales,
    ]);
    return row!.id;
  } catch (error) {
    throw toExpectedError(error) ?? error;
  }
}
