/**
 * Runs once when the server starts. In the embedded profile this opens PGlite, applies the
 * migrations and, on an empty database, seeds the demo (lib/demo) before the first request, then
 * prints where to look: console and credentials, /demo, the hosted page and the preference
 * centre. In the Postgres and Supabase profiles it only checks the connection.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/lib/db/connection");
  const { deploymentProfile } = await import("@/lib/env");
  const db = await getDatabase();
  await db.query("select 1");
  console.info(`[consentry] ${deploymentProfile()} profile ready (${db.kind})`);
}
