/**
 * `npm run worker`: one delivery process against DATABASE_URL (any number may run, on any
 * number of machines). It also sweeps expired consents every CONSENTRY_EXPIRY_INTERVAL_SECONDS
 * (safe in several processes at once), so production needs no `npm run expiry` beside it. Stops cleanly on SIGTERM / SIGINT: no new claims, deliveries in flight
 * recorded. A process killed outright loses nothing either: its claims lapse and are taken over.
 *
 * Options (mostly for tests): --worker-id=NAME, --concurrency=N, --poll-ms=N, --request-timeout-ms=N,
 * --lease-ms=N, --retry-delays-ms=a,b,c (replaces the 72-hour schedule).
 */
import { openPostgresDatabase } from "@/lib/db/postgres";
import { env } from "@/lib/env";
import { runExpiryOnce } from "@/lib/consent/expiry-schedule";
import { registerJob, startRunner } from "@/lib/sync/runner";

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}
const number = (name: string) => (flag(name) === undefined ? undefined : Number(flag(name)));

async function main() {
  if (!env.DATABASE_URL) {
    console.error("npm run worker needs DATABASE_URL (the embedded profile delivers inside the app)");
    process.exit(2);
  }
  const db = openPostgresDatabase(env.DATABASE_URL, { max: 4 });
  registerJob("expire-consents", env.CONSENTRY_EXPIRY_INTERVAL_SECONDS * 1000, async (jobDb) => {
    await runExpiryOnce(jobDb);
  });
  const delays = flag("retry-delays-ms")?.split(",").map(Number);
  const runner = await startRunner(db, {
    ...(flag("worker-id") ? { workerId: flag("worker-id") } : {}),
    ...(number("concurrency") ? { concurrency: number("concurrency") } : {}),
    ...(number("poll-ms") ? { pollMs: number("poll-ms") } : {}),
    ...(number("request-timeout-ms") ? { requestTimeoutMs: number("request-timeout-ms") } : {}),
    ...(number("lease-ms") ? { leaseMs: number("lease-ms") } : {}),
    ...(delays ? { retryDelaysMs: delays } : {}),
  });
  console.info(`[consentry] sync worker ${runner.worker.workerId} started`);
  if (!env.CONSENTRY_PUBLIC_URL) {
    console.warn("[consentry] CONSENTRY_PUBLIC_URL is not set: dead-letter alerts to owners link to the delivery log by path only");
  }
  const shutdown = async () => {
    await runner.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

void main();
