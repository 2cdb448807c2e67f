/**
 * `npm run db:migrate`: applies supabase/migrations to DATABASE_URL (the Postgres profile; on
 * Supabase prefer `supabase db push`, which writes the same history table). Without
 * DATABASE_URL it migrates the embedded database in CONSENTRY_DATA_DIR.
 *   --no-bootstrap  skip creating Supabase's roles and auth functions (they must exist already)
 */
import path from "node:path";
import { env } from "@/lib/env";
import { runMigrations } from "@/lib/db/migrations";
import { openPgliteDatabase } from "@/lib/db/pglite";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim } from "@/lib/db/supabase-shim";

async function main() {
  const bootstrap = !process.argv.includes("--no-bootstrap");
  const db = env.DATABASE_URL
    ? openPostgresDatabase(env.DATABASE_URL, { max: 1 })
    : await openPgliteDatabase(path.resolve(env.CONSENTRY_DATA_DIR));
  try {
    if (bootstrap) await bootstrapSupabaseShim(db);
    const applied = await runMigrations(db);
    console.info(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
