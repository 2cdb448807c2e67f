import { randomUUID } from "node:crypto";
import { runAsCaller, type Caller, type RequestContext } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";
import { toExpectedError } from "@/lib/errors";
import { exportHeader, LINE_ENDINGS, type ExportFormat } from "./encode";
import { activeFilters, type RecordFilters } from "./filters";
import { countRecords } from "./search";
import { streamRecords } from "./stream";

export interface RecordsExportRequest {
  db: Database;
  caller: Caller;
  context?: RequestContext;
  workspaceId: string;
  filters: RecordFilters;
  format: ExportFormat;
  /** Rows per FETCH (tests use small batches to exercise many round trips). */
  batchSize?: number;
  /** Told the rows of each batch as it is read from the database (tests check the read-ahead). */
  onBatchRead?: (rows: number) => void;
}

export interface RecordsExport {
  exportId: string;
  /** Matching events when the export started (the progress bar's 100 %). */
  total: number;
  body: ReadableStream<Uint8Array>;
}

type ExportPhase = "started" | "completed" | "cancelled";

function logExport(sql: Sql, request: RecordsExportRequest, exportId: string, phase: ExportPhase, rowCount: number | null) {
  return sql.query("select public.log_records_export($1, $2, $3, $4, $5::jsonb, $6)", [
    request.workspaceId,
    phase,
    exportId,
    request.format,
    JSON.stringify(activeFilters(request.filters)),
    rowCount,
  ]);
}

class ExportCancelled extends Error {
  constructor() {
    super("export cancelled by the reader");
  }
}

/**
 * Starts an export of the filtered records as a byte stream. Audited: `records.export_started`
 * (which also checks the caller may export: owners, admins, legal) is committed before the first
 * byte, and `records.export_completed` with the row count before the stream ends, or
 * `records.export_cancelled` with the rows sent when the reader goes away or reading fails.
 * Those entries are appended in their own short transactions, so a long export never holds the
 * audit chain's lock.
 *
 * The rows are read in one transaction as the caller through a server-side cursor
 * (streamRecords) and pushed only as fast as the reader takes them (the stream's backpressure),
 * so memory holds about one batch. The transaction stays open while the reader reads: on the
 * embedded PGlite database, which has one connection, other requests wait for the export.
 */
export async function openRecordsExport(request: RecordsExportRequest): Promise<RecordsExport> {
  const { db, caller, context = {}, workspaceId, filters, format } = request;
  const exportId = randomUUID();
  const total = await runAsCaller(
    db,
    caller,
    async (sql) => {
      await logExport(sql, request, exportId, "started", null);
      return countRecords(sql, workspaceId, filters);
    },
    context,
  ).catch((error: unknown) => {
    throw toExpectedError(error) ?? error;
  });

  const encoder = new TextEncoder();
  let cancelled = false;
  let wake: (() => void) | undefined;
  const demand = () => new Promise<void>((resolve) => (wake = resolve));
  const finish = (phase: ExportPhase, rows: number) => runAsCaller(db, caller, (sql) => logExport(sql, request, exportId, phase, rows), context);

  const produce = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    let rows = 0;
    try {
      await runAsCaller(
        db,
        caller,
        async (sql) => {
          const header = exportHeader(format);
          if (header) controller.enqueue(encoder.encode(header));
          const end = LINE_ENDINGS[format];
          for await (const lines of streamRecords(sql, workspaceId, filters, { format, batchSize: request.batchSize })) {
            if (cancelled) throw new ExportCancelled();
            request.onBatchRead?.(lines.length);
            controller.enqueue(encoder.encode(lines.join(end) + end));
            rows += lines.length;
            while (!cancelled && (controller.desiredSize ?? 1) <= 0) await demand();
          }
          if (cancelled) throw new ExportCancelled();
        },
        context,
      );
      await finish("completed", rows);
      controller.close();
    } catch (error) {
      await finish("cancelled", rows).catch((logError: unknown) => console.error("[consentry] records export: audit failed", logError));
      if (!cancelled) {
        console.error("[consentry] records export failed", error);
        controller.error(error);
      }
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        void produce(controller);
      },
      pull() {
        wake?.();
        wake = undefined;
      },
      cancel() {
        cancelled = true;
        wake?.();
        wake = undefined;
      },
    },
    { highWaterMark: 2 },
  );
  return { exportId, total, body };
}
