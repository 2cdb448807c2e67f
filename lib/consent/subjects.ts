import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "./database-errors";
import { CONSENT_EVENT_COLUMNS, type ConsentEvent, type SubjectRef } from "./types";

/** The subject an identifier belongs to, or null (members of the workspace and the service). */
export async function findSubject(sql: Sql, workspaceId: string, subject: SubjectRef): Promise<string | null> {
  const [row] = await translatingErrors(() =>
    sql.query<{ id: string | null }>("select public.find_subject($1, $2, $3) as id", [workspaceId, subject.kind, subject.value]),
  );
  return row?.id ?? null;
}

/**
 * Links `from` (typically an anonymous device id) to `to` (a known identifier) so their histories
 * join; an anonymous subject is merged, a known person's device id moves alone, and two known
 * people are refused (subject_conflict). Ledger rows are never rewritten. Service only. When the
 * link puts a double opt-in purpose back on hold (the address never confirmed it), the confirmation
 * message queued for the address is `confirmationMessageId`.
 */
export async function linkSubjects(
  sql: Sql,
  workspaceId: string,
  from: SubjectRef,
  to: SubjectRef,
): Promise<{ subjectId: string; confirmationMessageId?: string }> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: { subjectId: string; confirmationMessageId: string | null } }>("select public.link_subjects($1, $2, $3, $4, $5) as result", [
      workspaceId,
      from.kind,
      from.value,
      to.kind,
      to.value,
    ]),
  );
  const { subjectId, confirmationMessageId } = row!.result;
  return { subjectId, ...(confirmationMessageId ? { confirmationMessageId } : {}) };
}

/**
 * Every ledger event of the person behind `subject`, including those recorded under subjects that
 * were merged into theirs, oldest first. Read under the caller's RLS (members, or the service).
 */
export async function subjectHistory(sql: Sql, workspaceId: string, subject: SubjectRef): Promise<ConsentEvent[]> {
  const subjectId = await findSubject(sql, workspaceId, subject);
  if (!subjectId) return [];
  return sql.query<ConsentEvent>(
    `with recursive joined(id) as (
       select $2::uuid
       union
       select s.id from public.subjects s join joined j on s.merged_into = j.id where s.workspace_id = $1
     )
     select ${CONSENT_EVENT_COLUMNS}
     from public.consent_events e
     where e.workspace_id = $1 and e.subject_id in (select id from joined)
     order by e.received_at, e.subject_id, e.seq`,
    [workspaceId, subjectId],
  );
}
