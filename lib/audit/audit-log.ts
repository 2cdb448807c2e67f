import { z } from "zod";
import type { Sql } from "@/lib/db/types";

export interface AuditEntry {
  id: number;
  seq: number;
  occurredAt: Date;
  actorEmail: string | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  context: Record<string, unknown>;
}

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().transform((v) => v || undefined),
  actor: z.string().trim().max(320).optional().transform((v) => v || undefined),
  from: z.iso.date().optional().or(z.literal("").transform(() => undefined)),
  to: z.iso.date().optional().or(z.literal("").transform(() => undefined)),
  before: z.coerce.number().int().positive().optional(),
});
export type AuditFilter = Partial<z.infer<typeof auditFilterSchema>>;

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paged by seq; RLS limits it to owners, admins and legal of the workspace. */
export function listAuditEntries(sql: Sql, workspaceId: string, filter: AuditFilter): Promise<AuditEntry[]> {
  return sql.query<AuditEntry>(
    `select id, seq, occurred_at as "occurredAt", actor_email as "actorEmail", actor_role as "actorRole", action,
            target_type as "targetType", target_id as "targetId", before, after, context
     from public.audit_log
     where workspace_id = $1
       and ($2::text is null or action like $2 || '%')
       and ($3::text is null or actor_email ilike '%' || $3 || '%')
       and ($4::date is null or occurred_at >= $4::date)
       and ($5::date is null or occurred_at < $5::date + 1)
       and ($6::bigint is null or seq < $6)
     order by seq desc
     limit ${AUDIT_PAGE_SIZE}`,
    [workspaceId, filter.action ?? null, filter.actor ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null],
  );
}

export function listAuditActions(sql: Sql, workspaceId: string): Promise<{ action: string }[]> {
  return sql.query<{ action: string }>("select distinct action from public.audit_log where workspace_id = $1 order by action", [
    workspaceId,
  ]);
}

export interface AuditChainReport {
  valid: boolean;
  checkedRows: number;
  firstInvalidSeq: number | null;
  reason: "missing_row" | "broken_link" | "hash_mismatch" | "truncated" | null;
}

export async function verifyAuditChain(sql: Sql, workspaceId: string): Promise<AuditChainReport> {
  const [row] = await sql.query<AuditChainReport>(
    `select valid, checked_rows as "checkedRows", first_invalid_seq as "firstInvalidSeq", reason
     from public.verify_audit_chain($1)`,
    [workspaceId],
  );
  return row!;
}
