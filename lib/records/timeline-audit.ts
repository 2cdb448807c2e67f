import type { ConsentEvent } from "@/lib/consent/types";
import type { AuditEntry } from "@/lib/audit/audit-log";
import type { Sql } from "@/lib/db/types";

/** An audit log entry as the timeline shows it: what changed afterwards, not the state before. */
export type TimelineAuditEntry = Omit<AuditEntry, "before">;

/** Entries about the person count as "around" an event when they are this close to it in time. */
export const AUDIT_WINDOW_MS = 5 * 60_000;

/**
 * The audit entries shown beside each event of a timeline. Three kinds, each a fact an auditor
 * would check the event against:
 * 1. the publication of the experience version the event points at (`experience.published`
 *    whose version_id is that version): who published what the person saw, and when;
 * 2. the approval of each notice version the event pins (`notice_version.approved`): who
 *    approved the text, and when;
 * 3. entries about the person themselves (target `subject`: an operator's entry, a link of two
 *    identifiers) within AUDIT_WINDOW_MS of the event: what happened to the record around it.
 * Read under RLS: only owners, admins and legal read the audit log; others get no entries.
 */
export async function auditEntriesAround(
  sql: Sql,
  workspaceId: string,
  scope: { subjectIds: string[]; versionIds: string[]; noticeVersionIds: string[]; events: ConsentEvent[] },
): Promise<Map<string, TimelineAuditEntry[]>> {
  const entries = await sql.query<TimelineAuditEntry>(
    `select id, seq, occurred_at as "occurredAt", actor_email as "actorEmail", actor_role as "actorRole", action,
            target_type as "targetType", target_id as "targetId", after
     from public.audit_log a
     where a.workspace_id = $1 and (
       (a.target_type = 'subject' and a.target_id = any ($2::text[]))
       or (a.target_type = 'experience' and a.action = 'experience.published' and a.after ->> 'version_id' = any ($3::text[]))
       or (a.target_type = 'notice_version' and a.action = 'notice_version.approved' and a.target_id = any ($4::text[])))
     order by a.seq
     limit 1000`,
    [workspaceId, scope.subjectIds, scope.versionIds, scope.noticeVersionIds],
  );
  const around = new Map<string, TimelineAuditEntry[]>();
  for (const event of scope.events) {
    const pinned = new Set(Object.values(event.noticeVersions));
    const at = new Date(event.receivedAt).getTime();
    around.set(
      event.id,
      entries.filter((entry) => {
        if (entry.targetType === "experience") return entry.after?.version_id === event.experienceVersionId;
        if (entry.targetType === "notice_version") return entry.targetId !== null && pinned.has(entry.targetId);
        return Math.abs(new Date(entry.occurredAt).getTime() - at) <= AUDIT_WINDOW_MS;
      }),
    );
  }
  return around;
}
