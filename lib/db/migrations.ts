import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "./types";

/** Supabase CLI file names: `YYYYMMDDHHmmss_description.sql`. */
const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

// Read at run time from the deployed tree (next.config.mjs traces the folder into the build).
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase", "migrations");

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((file) => file.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration file name does not follow YYYYMMDDHHmmss_name.sql: ${file}`);
      return { version: match[1]!, name: match[2]!, sql: await readFile(/*turbopackIgnore: true*/ path.join(dir, file), "utf8") };
    }),
  );
}

// The table the Supabase CLI keeps, so `supabase db push` and this runner agree on what is applied.
const HISTORY_TABLE = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (
    version text primary key,
    statements text[],
    name text
  );
`;

const MIGRATION_LOCK = 727_011_001; // pg_advisory_lock key: one runner at a time per database

/**
 * Applies every migration not yet recorded, in version order, with their history rows, in one
 * transaction: a failure leaves the database as it was. Returns the versions it applied.
 */
export async function runMigrations(db: Database, migrations?: Migration[]): Promise<string[]> {
  const pending = migrations ?? (await readMigrations());
  await db.exec(HISTORY_TABLE);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Transaction-scoped lock: instances starting together wait here instead of racing.
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    const rows = await tx.query<{ version: string }>("select version from supabase_migrations.schema_migrations");
    const done = new Set(rows.map((row) => row.version));
    for (const migration of pending) {
      if (done.has(migration.version)) continue;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await tx.query("insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)", [
        migration.version,
        migration.name,
        [migration.sql],
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}
