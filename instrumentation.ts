/**
 * Runs once when the server starts. In the embedded profile this opens PGlite, applies the
 * migrations and seeds the demo workspace before the first request, and prints the demo
 * credentials; in the Postgres and Supabase profiles it only checks the connection. It also
 * starts the sync worker where it runs in-process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/lib/db/connection");
  const { deploymentProfile, env } = await import("@/lib/env");
  const db = await getDatabase();
  await db.query("select 1");
  console.info(`[consentry] ${deploymentProfile()} profile ready (${db.kind})`);
  // The sync engine (lib/sync) delivers from inside the app in the embedded and dev profiles, so
  // there is nothing more to start; production runs `npm run worker` processes instead.
  const inProcess = env.CONSENTRY_SYNC_IN_PROCESS ?? (deploymentProfile() === "embedded" || env.NODE_ENV === "development");
  if (inProcess) {
    const { startRunner } = await import("@/lib/sync/runner");
    await startRunner(db);
  }
}
