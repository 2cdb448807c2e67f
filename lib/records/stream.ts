import type { Sql } from "@/lib/db/types";
import { recordLineSql, type ExportFormat } from "./encode";
import type { RecordFilters } from "./filters";
import { recordsWhere } from "./where";

export const STREAM_BATCH_SIZE = 5000;

/**
 * The workspace's matching events, newest first, each rendered by the database as one line of
 * `format` (encode.ts), in batches read from a server-side cursor (DECLARE … NO SCROLL CURSOR,
 * then FETCH in a loop), so memory holds one batch whatever the total. `sql` must be one
 * transaction's handle (runAsCaller), open for as long as the iteration runs: the cursor lives in
 * it, and row-level security applies as for any read of the caller. Works alike on PostgreSQL
 * and PGlite. Breaking out of the loop closes the cursor.
 */
export async function* streamRecords(
  sql: Sql,
  workspaceId: string,
  filters: RecordFilters,
  options: { format: ExportFormat; batchSize?: number },
): AsyncGenerator<string[], void, undefined> {
  const where = recordsWhere(workspaceId, filters);
  const cursor = "records_export";
  await sql.query(
    `declare ${cursor} no scroll cursor for
     select ${recordLineSql(options.format)} as line from public.consent_events e
     where ${where.clause}
     order by e.received_at desc, e.id desc`,
    where.params,
  );
  const size = Math.max(1, Math.floor(options.batchSize ?? STREAM_BATCH_SIZE));
  try {
    for (;;) {
      const batch = await sql.query<{ line: string }>(`fetch forward ${size} from ${cursor}`);
      if (batch.length === 0) return;
      yield batch.map((row) => row.line);
    }
  } finally {
    await sql.exec(`close ${cursor}`).catch(() => undefined);
  }
}
