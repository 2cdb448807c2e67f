/**
 * Runs once when the server starts. In the embedded profile this opens PGlite, applies the
 * migrations and, on an empty database, seeds the demo (lib/demo) before the first request, then
 * prints where to look: console and credentials, /demo, the hosted page and the preference
 * centre, and starts the consent expiry sweep. In the Postgres and Supabase profiles it only
 * checks the connection. It also starts the sync worker where it runs in-process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/lib/db/connection");
  const { deploymentProfile, env } = await import("@/lib/env");
  const db = await getDatabase();
  await db.query("select 1");
  // The embedded database gets its demo here, not from lib/db/connection.ts: lib/db sits below
  // every domain folder, the demo above most of them.
  if (!env.DATABASE_URL && env.CONSENTRY_SEED_DEMO) {
    const { startDemo } = await import("@/lib/demo/start");
    await startDemo(db);
  }
  console.info(`[consentry] ${deploymentProfile()} profile ready (${db.kind})`);
  // The embedded profile has no other process: consents expire on a timer here. Elsewhere the
  // worker does it (`npm run expiry`), so that several app instances do not all sweep.
  if (deploymentProfile() === "embedded") {
    const { startExpirySchedule } = await import("@/lib/consent/expiry-schedule");
    startExpirySchedule(db, { intervalMs: env.CONSENTRY_EXPIRY_INTERVAL_SECONDS * 1000 });
  }
  // The sync engine (lib/sync) delivers from inside the app in the embedded and dev profiles, so
  // there is nothing more to start; production runs `npm run worker` processes instead.
  const inProcess = env.CONSENTRY_SYNC_IN_PROCESS ?? (deploymentProfile() === "embedded" || env.NODE_ENV === "development");
  if (inProcess) {
    const { startRunner } = await import("@/lib/sync/runner");
    await startRunner(db);
  }
}
