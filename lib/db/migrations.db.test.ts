import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { readMigrations, runMigrations } from "./migrations";
import { bootstrapSupabaseShim } from "./supabase-shim";

describe.each(TEST_TARGETS)("migrations on $target", ({ target, skip }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!skip) t = await createTestDatabase(target, { migrate: false });
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("apply to an empty database as its non-superuser owner, then change nothing", async () => {
    const [owner] = await t.db.query<{ rolsuper: boolean }>(
      "select rolsuper from pg_roles where rolname = current_user",
    );
    // PGlite only has its superuser; on PostgreSQL the owner must not be one, as on Supabase.
    expect(owner?.rolsuper).toBe(target === "pglite");

    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(await runMigrations(t.db)).toEqual(files.map((file) => file.version));
    expect(await runMigrations(t.db)).toEqual([]);

    const recorded = await t.db.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(recorded).toEqual(files.map(({ version, name }) => ({ version, name })));
  });

  it.skipIf(skip)("bootstrap of Supabase's objects is idempotent", async () => {
    const before = await t.superuser.query("select proname, prosrc from pg_proc where pronamespace = 'auth'::regnamespace order by 1");
    await bootstrapSupabaseShim(t.superuser, target === "postgres" ? { loginRole: "consentry_migrator" } : {});
    const after = await t.superuser.query("select proname, prosrc from pg_proc where pronamespace = 'auth'::regnamespace order by 1");
    expect(after).toEqual(before);
    expect(after.map((row) => row.proname)).toEqual(["jwt", "role", "uid"]);
  });

  it.skipIf(skip)("auth.uid(), auth.jwt() and auth.role() read request.jwt.claims", async () => {
    const claims = { sub: "0d8a6c1e-2f4b-4b7a-9c1d-3e5f7a9b1c2d", email: "a@example.com", role: "authenticated" };
    const [row] = await t.db.transaction((tx) =>
      tx.query<{ uid: string; email: string; role: string }>(
        "select set_config('request.jwt.claims', $1, true), auth.uid() as uid, auth.jwt() ->> 'email' as email, auth.role() as role",
        [JSON.stringify(claims)],
      ),
    );
    expect(row).toMatchObject({ uid: claims.sub, email: claims.email, role: "authenticated" });
    // After a transaction set it locally, the setting reads '' rather than NULL: still no caller.
    const [empty] = await t.db.query<{ uid: string | null }>("select auth.uid() as uid");
    expect(empty?.uid).toBeNull();
  });
});
