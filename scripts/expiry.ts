/**
 * `npm run expiry`: the consent expiry sweep as a process of its own, for the Postgres and
 * Supabase profiles (the embedded profile runs it inside the server). Sweeps every
 * CONSENTRY_EXPIRY_INTERVAL_SECONDS until stopped; `--once` sweeps once and exits (for cron).
 * `npm run worker` (the sync worker) runs the same sweep as one of its jobs: with workers running,
 * this script is only needed for a cron `--once`.
 */
import path from "node:path";
import { env } from "@/lib/env";
import { runExpiryOnce, startExpirySchedule } from "@/lib/consent/expiry-schedule";
import { openPgliteDatabase } from "@/lib/db/pglite";
import { openPostgresDatabase } from "@/lib/db/postgres";

async function main() {
  const db = env.DATABASE_URL ? openPostgresDatabase(env.DATABASE_URL, { max: 1 }) : await openPgliteDatabase(path.resolve(env.CONSENTRY_DATA_DIR));
  if (process.argv.includes("--once")) {
    try {
      const swept = await runExpiryOnce(db);
      console.info(`[consentry] expired ${swept.reduce((sum, row) => sum + row.expired, 0)} consent(s) in ${swept.length} workspace(s)`);
    } finally {
      await db.close();
    }
    return;
  }
  const schedule = startExpirySchedule(db, { intervalMs: env.CONSENTRY_EXPIRY_INTERVAL_SECONDS * 1000 });
  const keepAlive = setInterval(() => {}, 1 << 30);
  const stop = () => {
    schedule.stop();
    clearInterval(keepAlive);
    void db.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.info(`[consentry] consent expiry every ${env.CONSENTRY_EXPIRY_INTERVAL_SECONDS} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
