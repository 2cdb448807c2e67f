import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";

/**
 * Expiry on a schedule: consents (and double opt-in requests) past their time get their
 * `expired` ledger event, which the outbox trigger announces and the timeline and exports read
 * like any other. Decisions deny expired consent without this (decide.ts reads expires_at); the
 * sweep is what makes the ledger say so.
 *
 * Where it runs: in-process in the embedded profile (instrumentation.ts starts it), and in
 * production from a worker (`scripts/expiry.ts`, or registered in the sync worker). Several
 * instances may sweep at once: public.expire_consents locks each subject and re-checks the row,
 * so an event is written once.
 */

export interface ExpiredInWorkspace {
  workspaceId: string;
  expired: number;
}

/** One sweep of every workspace at `now` (a parameter: tests pass a fixed time instead of waiting). */
export async function runExpiryOnce(db: Database, now: Date = new Date(), maxRows = 1000): Promise<ExpiredInWorkspace[]> {
  const rows = await runAsService(db, "consent-expiry", (sql) =>
    sql.query<{ workspace_id: string; expired: number }>("select workspace_id, expired from public.expire_due_consents($1, $2)", [
      now.toISOString(),
      maxRows,
    ]),
  );
  return rows.map((row) => ({ workspaceId: row.workspace_id, expired: row.expired }));
}

export interface ExpirySchedule {
  stop(): void;
}

export const DEFAULT_EXPIRY_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Sweeps now and then every `intervalMs`; a sweep still running when the next is due is not
 * doubled. A full batch sweeps again at once, so a backlog drains without waiting an interval.
 * The timer does not keep the process alive.
 */
export function startExpirySchedule(
  db: Database,
  options: { intervalMs?: number; maxRows?: number; onError?: (error: unknown) => void } = {},
): ExpirySchedule {
  const maxRows = options.maxRows ?? 1000;
  const onError = options.onError ?? ((error: unknown) => console.error("[consentry] consent expiry sweep failed:", error));
  let running = false;
  let stopped = false;
  const sweep = async () => {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        const done = (await runExpiryOnce(db, new Date(), maxRows)).reduce((sum, row) => sum + row.expired, 0);
        if (done < maxRows || stopped) break;
      }
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
