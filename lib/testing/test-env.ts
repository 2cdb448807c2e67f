/**
 * Test-only configuration (the app's own lives in lib/env.ts).
 * TEST_DATABASE_URL: a PostgreSQL 15+ server reached as a superuser. When set, every database
 * suite also runs there, and an unreachable server fails the run. When unset, those suites are
 * skipped and the run says so loudly; `.ci/run` always sets it.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** The non-superuser role that owns each test database and runs the migrations, as on Supabase. */
export const MIGRATOR_ROLE = "consentry_migrator";

/** A NATS server with JetStream (the sync engine's NATS destination). Unset: its suite is skipped, loudly. */
export const TEST_NATS_URL = process.env.TEST_NATS_URL?.trim() || undefined;
