import { getDatabase } from "@/lib/db/connection";
import type { Database } from "@/lib/db/types";

/**
 * Where the public API's handlers get their database. In the app: the process's one database.
 * Tests point it at a test database with `useApiDatabaseForTests`, and call the route handlers
 * directly with `new Request(…)`.
 */
let override: Database | null = null;

export function apiDatabase(): Promise<Database> {
  return override ? Promise.resolve(override) : getDatabase();
}

/** Tests only. */
export function useApiDatabaseForTests(db: Database | null): void {
  override = db;
}
