import { randomBytes } from "node:crypto";
import { runMigrations } from "@/lib/db/migrations";
import { openPgliteDatabase } from "@/lib/db/pglite";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim, quoteIdentifier } from "@/lib/db/supabase-shim";
import type { Database } from "@/lib/db/types";
import { MIGRATOR_ROLE, TEST_DATABASE_URL } from "./test-env";

export type TestTarget = "pglite" | "postgres";

/** Every engine a database suite runs on: `describe.each(TEST_TARGETS)`. */
export const TEST_TARGETS: { target: TestTarget; skip: boolean }[] = [
  { target: "pglite", skip: false },
  { target: "postgres", skip: !TEST_DATABASE_URL },
];

export interface TestDatabase {
  target: TestTarget;
  /** The application's connection: the database owner, not a superuser on PostgreSQL. */
  db: Database;
  /** A superuser connection to the same database, for what only a superuser (or an attacker) does. */
  superuser: Database;
  /** PostgreSQL: the application's connection string (for other processes, e.g. sync workers). */
  url?: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database. On PostgreSQL: a new database owned by a non-superuser role, the
 * Supabase shim installed by the superuser, and the migrations run as the owner, as on Supabase.
 */
export async function createTestDatabase(target: TestTarget, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (target === "pglite") {
    const db = await openPgliteDatabase();
    await bootstrapSupabaseShim(db);
    if (migrate) await runMigrations(db);
    return { target, db, superuser: db, close: () => db.close() };
  }
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  // The creation time in the name lets a later run clear databases left by a crashed one.
  const name = `consentry_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  const admin = openPostgresDatabase(TEST_DATABASE_URL, { max: 1 });
  await admin.exec(`create database ${quoteIdentifier(name)} owner ${quoteIdentifier(MIGRATOR_ROLE)}`);
  const superuser = openPostgresDatabase(withDatabase(TEST_DATABASE_URL, name), { max: 2 });
  await bootstrapSupabaseShim(superuser, { loginRole: MIGRATOR_ROLE });
  const db = openPostgresDatabase(withDatabase(TEST_DATABASE_URL, name, MIGRATOR_ROLE), { max: 4 });
  if (migrate) await runMigrations(db);
  return {
    target,
    db,
    superuser,
    url: withDatabase(TEST_DATABASE_URL, name, MIGRATOR_ROLE),
    async close() {
      await db.close();
      await superuser.close();
      await admin.exec(`drop database if exists ${quoteIdentifier(name)} with (force)`);
      await admin.close();
    },
  };
}

function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = "";
  }
  return parsed.toString();
}
