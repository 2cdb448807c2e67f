import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { runMigrations } from "./migrations";
import { openPgliteDatabase } from "./pglite";
import { openPostgresDatabase } from "./postgres";
import { bootstrapSupabaseShim } from "./supabase-shim";
import type { Database } from "./types";

/**
 * One database per process, kept on globalThis so it survives dev hot reloads and is shared by
 * every bundle of the server (instrumentation, routes, server actions). PGlite in particular must
 * never be opened twice on the same folder.
 */
const GLOBAL_KEY = Symbol.for("consentry.database");
type Holder = { [GLOBAL_KEY]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= openConfiguredDatabase().catch((error: unknown) => {
    delete holder[GLOBAL_KEY]; // let the next request try again
    throw error;
  });
  return holder[GLOBAL_KEY];
}

async function openConfiguredDatabase(): Promise<Database> {
  if (env.DATABASE_URL) {
    // Postgres and Supabase profiles: migrations are a deploy step (`npm run db:migrate` or
    // `supabase db push`), not something every instance does at start.
    return openPostgresDatabase(env.DATABASE_URL);
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.CONSENTRY_DATA_DIR);
  const db = await openPgliteDatabase(dataDir);
  await bootstrapSupabaseShim(db);
  const applied = await runMigrations(db);
  if (applied.length > 0) console.info(`[consentry] embedded database at ${dataDir}: applied ${applied.join(", ")}`);
  return db;
}
