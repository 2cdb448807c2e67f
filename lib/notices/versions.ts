import type { Sql } from "@/lib/db/types";
import { ExpectedError, toExpectedError } from "@/lib/errors";
import type { Locale } from "@/lib/experience/localized";
import {
  noticeContentSchema,
  noticeDraftSchema,
  noticeProblemSchema,
  type NoticeContent,
  type NoticeDraftInput,
  type NoticeKind,
  type NoticeProblem,
  type NoticeStatus,
  type NoticeVersion,
} from "./schemas";

/**
 * Notice versions and their lifecycle. The rules live in the database (migration
 * 20261123200000_notices.sql): these functions run as the caller, call the transition
 * functions, and turn what the database refuses into ExpectedErrors.
 */

/** Approval refused because the version is incomplete; `problems` says what is missing. */
export class NoticeIncompleteError extends ExpectedError {
  constructor(readonly problems: NoticeProblem[]) {
    super("notice_incomplete", `consentry.notice_incomplete: ${problems.map((problem) => problem.code).join(", ")}`, problems);
    this.name = "NoticeIncompleteError";
  }
}

async function asCaller<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const expected = toExpectedError(error);
    if (expected?.code === "notice_incomplete") throw new NoticeIncompleteError(problemsFrom(expected.details));
    throw expected ?? error;
  }
}

interface ProblemRow {
  code: string;
  purpose_key: string | null;
  locale: string | null;
}

function problemsFrom(rows: unknown): NoticeProblem[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row: ProblemRow) =>
    noticeProblemSchema.parse({ code: row.code, purposeKey: row.purpose_key, locale: row.locale }),
  );
}

const VERSION = `
  select v.id, v.notice_id as "noticeId", n.name as "noticeName", n.kind as "noticeKind",
         n.source_locale as "noticeSourceLocale", n.locales as "noticeLocales",
         v.number, v.status, v.content, v.locale_updated_at as "localeUpdatedAt",
         v.change_summary as "changeSummary", v.material_change as "materialChange",
         v.purpose_ids as "purposeIds", v.jurisdictions, v.rights_statement as "rightsStatement",
         v.purpose_statements as "purposeStatements", v.author_id as "authorId", author.email as "authorEmail",
         v.contributor_ids as "contributorIds", v.submitted_at as "submittedAt", v.reviewed_by as "reviewedBy",
         reviewer.email as "reviewerEmail", v.reviewed_at as "reviewedAt", v.review_comment as "reviewComment",
         v.content_hash as "contentHash", v.created_at as "createdAt", v.updated_at as "updatedAt"
  from public.notice_versions v
  join public.notices n on n.id = v.notice_id
  left join public.profiles author on author.id = v.author_id
  left join public.profiles reviewer on reviewer.id = v.reviewed_by`;

type VersionRow = Omit<NoticeVersion, "notice" | "content"> & {
  noticeName: string;
  noticeKind: NoticeKind;
  noticeSourceLocale: Locale;
  noticeLocales: Locale[];
  content: unknown;
};

function readContent(versionId: string, stored: unknown): NoticeContent {
  const parsed = noticeContentSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`notice version ${versionId} holds content that cannot be read`);
  return parsed.data;
}

function toVersion(row: VersionRow): NoticeVersion {
  const { noticeName, noticeKind, noticeSourceLocale, noticeLocales, content, ...version } = row;
  return {
    ...version,
    notice: { id: row.noticeId, name: noticeName, kind: noticeKind, sourceLocale: noticeSourceLocale, locales: noticeLocales },
    content: readContent(row.id, content),
  };
}

export async function getNoticeVersion(sql: Sql, workspaceId: string, versionId: string): Promise<NoticeVersion | null> {
  const [row] = await sql.query<VersionRow>(`${VERSION} where v.workspace_id = $1 and v.id = $2`, [workspaceId, versionId]);
  return row ? toVersion(row) : null;
}

/** The version in force: the highest-numbered approved one, or null. */
export async function lastApprovedVersion(sql: Sql, workspaceId: string, noticeId: string): Promise<NoticeVersion | null> {
  const [row] = await sql.query<VersionRow>(
    `${VERSION} where v.workspace_id = $1 and v.notice_id = $2 and v.status = 'approved' order by v.number desc limit 1`,
    [workspaceId, noticeId],
  );
  return row ? toVersion(row) : null;
}

/** The newest version's text whatever its status, for the designer's draft preview. */
export async function latestVersionContent(
  sql: Sql,
  workspaceId: string,
  noticeId: string,
): Promise<{ versionId: string; number: number; status: NoticeStatus; content: NoticeContent } | null> {
  const [row] = await sql.query<{ versionId: string; number: number; status: NoticeStatus; content: unknown }>(
    `select v.id as "versionId", v.number, v.status, v.content from public.notice_versions v
     where v.workspace_id = $1 and v.notice_id = $2 order by v.number desc limit 1`,
    [workspaceId, noticeId],
  );
  return row ? { ...row, content: readContent(row.versionId, row.content) } : null;
}

/**
 * Saves the text of a draft (or of a rejected version, which the database then reopens as a
 * draft). `notice_not_editable` when the version is in review, approved, superseded, or the
 * caller may not edit it.
 */
export async function saveNoticeDraft(sql: Sql, workspaceId: string, versionId: string, draft: NoticeDraftInput): Promise<void> {
  const parsed = noticeDraftSchema.safeParse(draft);
  if (!parsed.success) throw new ExpectedError("invalid_input");
  const { content, changeSummary, materialChange, purposeIds, jurisdictions, rightsStatement, purposeStatements } = parsed.data;
  const saved = await asCaller(() =>
    sql.query(
      `update public.notice_versions
       set content = $3, change_summary = $4, material_change = $5, purpose_ids = $6, jurisdictions = $7,
           rights_statement = $8, purpose_statements = $9
       where workspace_id = $1 and id = $2 returning id`,
      [
        workspaceId,
        versionId,
        JSON.stringify(content),
        changeSummary,
        materialChange,
        purposeIds,
        jurisdictions,
        JSON.stringify(rightsStatement),
        JSON.stringify(purposeStatements),
      ],
    ),
  );
  // Row-level security lets the caller update only drafts and rejected versions they may edit.
  if (saved.length === 0) throw new ExpectedError("notice_not_editable");
}

/** A new draft after the latest version, copying its text; `notice_open_version` while one is open. */
export async function createNoticeVersion(sql: Sql, noticeId: string): Promise<string> {
  const [row] = await asCaller(() => sql.query<{ id: string }>("select public.create_notice_version($1) as id", [noticeId]));
  return row!.id;
}

export async function submitNoticeVersion(sql: Sql, versionId: string): Promise<void> {
  await asCaller(() => sql.query("select public.submit_notice_version($1)", [versionId]));
}

/** Throws NoticeIncompleteError (code `notice_incomplete`) with the problems when something is missing. */
export async function approveNoticeVersion(sql: Sql, versionId: string): Promise<void> {
  await asCaller(() => sql.query("select public.approve_notice_version($1)", [versionId]));
}

export async function rejectNoticeVersion(sql: Sql, versionId: string, comment: string): Promise<void> {
  await asCaller(() => sql.query("select public.reject_notice_version($1, $2)", [versionId, comment]));
}

/** What stands between the version and approval (empty when it can be approved). */
export async function noticeVersionProblems(sql: Sql, versionId: string): Promise<NoticeProblem[]> {
  const rows = await asCaller(() =>
    sql.query<ProblemRow>("select code, purpose_key, locale from public.notice_version_problems($1)", [versionId]),
  );
  return problemsFrom(rows);
}
