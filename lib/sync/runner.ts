import type { Database } from "@/lib/db/types";
import { defaultAddressPolicy } from "./destinations/create";
import { closeNatsConnections } from "./engine/nats";
import { SyncWorker, type SyncWorkerOptions } from "./engine/worker";

/**
 * The background runner shared by the sync engine and other periodic work (consent expiry,
 * issue 16): in the app's process in the embedded and dev profiles (instrumentation.ts), and in
 * every `npm run worker` process in production. Register a periodic job before starting:
 *
 *   registerJob("expire-consents", 60_000, async (db) => { … });
 *
 * A job runs every `everyMs` after its previous run ended (never two runs of one job at once
 * in a process). Several processes run it too, so a job must be safe to run concurrently
 * (claim rows with FOR UPDATE SKIP LOCKED, or take pg_try_advisory_xact_lock).
 */
export type Job = (db: Database) => Promise<void>;

const JOBS = Symbol.for("consentry.jobs");
type JobHolder = { [JOBS]?: Map<string, { everyMs: number; run: Job }> };
const jobs = () => ((globalThis as JobHolder)[JOBS] ??= new Map());

export function registerJob(name: string, everyMs: number, run: Job): void {
  if (!(everyMs >= 100)) throw new Error(`job ${name}: everyMs must be at least 100`);
  jobs().set(name, { everyMs, run });
}

export interface Runner {
  worker: SyncWorker;
  stop(): Promise<void>;
}

export async function startRunner(db: Database, options: Partial<SyncWorkerOptions> = {}): Promise<Runner> {
  const worker = new SyncWorker(db, { policy: defaultAddressPolicy(), ...options });
  await worker.start();
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  for (const [name, job] of jobs()) {
    const schedule = () => {
      if (stopped) return;
      const timer = setTimeout(async () => {
        timers.delete(timer);
        try {
          await job.run(db);
        } catch (error) {
          console.error(`[consentry] job ${name} failed:`, error);
        }
        schedule();
      }, job.everyMs);
      timers.add(timer);
    };
    schedule();
  }
  return {
    worker,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await worker.stop();
      await closeNatsConnections();
    },
  };
}
