import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsCaller } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { authenticateLocalAccount, createLocalAccount, SIGN_IN_THROTTLE } from "./accounts";
import { endLocalSession, resolveLocalSession, startLocalSession } from "./sessions";

describe.each(TEST_TARGETS)("local accounts on $target", ({ target, skip }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!skip) t = await createTestDatabase(target);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("signs up once per email and stores only a scrypt hash", async () => {
    const account = await createLocalAccount(t.db, { email: "ana@example.test", password: "long enough password" });
    expect(account.email).toBe("ana@example.test");
    await expect(createLocalAccount(t.db, { email: "ana@example.test", password: "another password" })).rejects.toMatchObject({ code: "email_taken" });
    const [row] = await t.superuser.query<{ password_hash: string }>("select password_hash from local_auth.accounts where email = $1", ["ana@example.test"]);
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain("long enough password");
  });

  it.skipIf(skip)("authenticates the right password and refuses a wrong one or an unknown email alike", async () => {
    await createLocalAccount(t.db, { email: "bo@example.test", password: "bo's password 1" });
    await expect(authenticateLocalAccount(t.db, { email: "bo@example.test", password: "bo's password 1" }, "203.0.113.0")).resolves.toMatchObject({ email: "bo@example.test" });
    await expect(authenticateLocalAccount(t.db, { email: "bo@example.test", password: "nope nope nope" }, "203.0.113.0")).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(authenticateLocalAccount(t.db, { email: "ghost@example.test", password: "nope nope nope" }, "203.0.113.0")).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it.skipIf(skip)("throttles an email after repeated failures, even with the right password", async () => {
    await createLocalAccount(t.db, { email: "cy@example.test", password: "cy's password 1" });
    for (let i = 0; i < SIGN_IN_THROTTLE.perEmail; i++) {
      await expect(authenticateLocalAccount(t.db, { email: "cy@example.test", password: `wrong ${i}` }, `198.51.100.${i}`)).rejects.toMatchObject({ code: "invalid_credentials" });
    }
    await expect(authenticateLocalAccount(t.db, { email: "cy@example.test", password: "cy's password 1" }, "192.0.2.0")).rejects.toMatchObject({ code: "too_many_attempts" });
  });

  it.skipIf(skip)("throttles a client address guessing across many emails", async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++) {
      await authenticateLocalAccount(t.db, { email: `spray${i}@example.test`, password: "guess guess" }, "192.0.2.99").catch(() => undefined);
    }
    await createLocalAccount(t.db, { email: "dee@example.test", password: "dee's password 1" });
    await expect(authenticateLocalAccount(t.db, { email: "dee@example.test", password: "dee's password 1" }, "192.0.2.99")).rejects.toMatchObject({ code: "too_many_attempts" });
    await expect(authenticateLocalAccount(t.db, { email: "dee@example.test", password: "dee's password 1" }, "192.0.2.100")).resolves.toMatchObject({ email: "dee@example.test" });
  });

  it.skipIf(skip)("a session carries Supabase-shaped claims that RLS reads, and ends on sign-out", async () => {
    const account = await createLocalAccount(t.db, { email: "eve@example.test", password: "eve's password 1" });
    const token = await startLocalSession(t.db, account, "vitest");
    const [stored] = await t.superuser.query<{ token_hash: string }>("select token_hash from local_auth.sessions where account_id = $1", [account.id]);
    expect(stored?.token_hash).not.toBe(token); // only the digest is stored

    const claims = await resolveLocalSession(t.db, token);
    expect(claims).toMatchObject({ sub: account.id, email: "eve@example.test", role: "authenticated", aud: "authenticated" });
    const [seen] = await runAsCaller(t.db, { kind: "authenticated", claims: claims! }, (sql) =>
      sql.query<{ uid: string; role: string; db_role: string }>("select auth.uid() as uid, auth.role() as role, current_user as db_role"),
    );
    expect(seen).toEqual({ uid: account.id, role: "authenticated", db_role: "authenticated" });

    await endLocalSession(t.db, token);
    expect(await resolveLocalSession(t.db, token)).toBeNull();
    expect(await resolveLocalSession(t.db, "forged-token")).toBeNull();
  });

  it.skipIf(skip)("an expired session resolves to nobody", async () => {
    const account = await createLocalAccount(t.db, { email: "fay@example.test", password: "fay's password 1" });
    const token = await startLocalSession(t.db, account);
    await t.superuser.query("update local_auth.sessions set expires_at = now() - interval '1 second' where account_id = $1", [account.id]);
    expect(await resolveLocalSession(t.db, token)).toBeNull();
  });

  it.skipIf(skip)("operators cannot reach local accounts, sessions or failures at all", async () => {
    const claims = { sub: "5b0c7c1e-1111-4a4a-9a9a-0123456789ab", email: "x@example.test", role: "authenticated" as const };
    for (const table of ["local_auth.accounts", "local_auth.sessions", "local_auth.sign_in_failures"]) {
      await expect(runAsCaller(t.db, { kind: "authenticated", claims }, (sql) => sql.query(`select * from ${table}`))).rejects.toMatchObject({ code: "42501" });
      await expect(runAsCaller(t.db, { kind: "anon" }, (sql) => sql.query(`select * from ${table}`))).rejects.toMatchObject({ code: "42501" });
    }
  });
});
