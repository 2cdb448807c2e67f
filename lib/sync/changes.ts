import type { Sql } from "@/lib/db/types";
import { z } from "zod";

/**
 * The pull feed (GET /api/v1/changes): consent changes in commit order, after a cursor. The
 * cursor is the (transaction id, outbox id) of the last change handed out, opaque to clients
 * (base64url). public.changes_after only hands out changes of transactions older than every
 * transaction still running, so a change committed late by a transaction that began early is
 * never skipped, and nothing is handed out twice.
 */
const CURSOR = /^(\d{1,20})\.(\d{1,19})$/;

export function encodeCursor(transactionId: string, id: number | string): string {
  return Buffer.from(`${transactionId}.${id}`, "utf8").toString("base64url");
}

/** The (transaction id, outbox id) of a cursor, or null when it is not one. Absent: the start. */
export function decodeCursor(cursor: string | undefined): { transactionId: string; id: string } | null {
  if (cursor === undefined || cursor === "") return { transactionId: "0", id: "0" };
  const match = CURSOR.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { transactionId: match[1]!, id: match[2]! } : null;
}

export const changesQuery = z
  .strictObject({
    after: z.string().max(60).refine((value) => decodeCursor(value) !== null, "a cursor from an earlier answer").optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .meta({ id: "ChangesQuery" });

export interface Change {
  cursor: string;
  id: number;
  type: string;
  subjectId: string;
  events: unknown[];
  preferences: unknown;
  committedAt: string;
}

/** Up to `limit` changes after `after`, and the cursor to ask with next (unchanged when none came). */
export async function changesAfter(sql: Sql, workspaceId: string, after: string | undefined, limit: number): Promise<{ changes: Change[]; next: string }> {
  const from = decodeCursor(after)!;
  const rows = await sql.query<{ id: number; transaction_id: string; subject_id: string; topic: string; payload: { events: unknown[]; preferences?: unknown }; created_at: Date }>(
    "select id, transaction_id::text as transaction_id, subject_id, topic, payload, created_at from public.changes_after($1, $2::xid8, $3::bigint, $4)",
    [workspaceId, from.transactionId, from.id, limit],
  );
  const changes = rows.map((row) => ({
    cursor: encodeCursor(row.transaction_id, row.id),
    id: Number(row.id),
    type: row.topic,
    subjectId: row.subject_id,
    events: row.payload.events,
    preferences: row.payload.preferences ?? null,
    committedAt: new Date(row.created_at).toISOString(),
  }));
  return { changes, next: changes.at(-1)?.cursor ?? encodeCursor(from.transactionId, from.id) };
}
