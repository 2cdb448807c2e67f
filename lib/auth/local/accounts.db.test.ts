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

  const signIn = (email: string, password: string, client: string) => authenticateLocalAccount(t.db, { email, password }, client);
  const outcome = (attempt: Promise<unknown>) =>
    attempt.then(
      () => "signed in",
      (error: { code?: string }) => error.code ?? "unexpected",
    );
  const throttleRow = async (key: string) =>
    (
      await t.superuser.query<{ attempts: number; delay: number }>(
        "select attempts, extract(epoch from next_attempt_at - last_attempt_at)::float8 as delay from local_auth.sign_in_throttle where key = $1",
        [key],
      )
    )[0];
  // What the passing of time does, without waiting for it: the account's next slot is open now.
  const slotOpens = (email: string) => t.superuser.query("update local_auth.sign_in_throttle set next_attempt_at = now() where key = $1", [`account:${email}`]);

  it.skipIf(skip)("a stranger's wrong passwords slow the account down but never lock its owner out", async () => {
    await createLocalAccount(t.db, { email: "cy@example.test", password: "cy's password 1" });
    // The stranger, spread over many addresses, guesses; past the free five, each guess waits longer, to 30 s at most.
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      await slotOpens("cy@example.test");
      expect(await outcome(signIn("cy@example.test", `wrong ${i}`, `198.51.100.${i}`))).toBe("invalid_credentials");
      delays.push((await throttleRow("account:cy@example.test"))!.delay);
    }
    expect(delays).toEqual([0, 0, 0, 0, 5, 10, 20, 30, 30, 30]);
    // Between slots even the right password waits, and is told for how long (never 15 minutes).
    const refused = await signIn("cy@example.test", "cy's password 1", "192.0.2.0").catch((error: { code: string; details: { retryAfterSeconds: number } }) => error);
    expect(refused).toMatchObject({ code: "too_many_attempts" });
    expect((refused as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_THROTTLE.maxAccountDelaySeconds);
    // Once the slot opens, the owner gets in, and the slow-down is cleared.
    await slotOpens("cy@example.test");
    expect(await outcome(signIn("cy@example.test", "cy's password 1", "192.0.2.0"))).toBe("signed in");
    expect((await throttleRow("account:cy@example.test"))!.attempts).toBe(0);
    expect(await outcome(signIn("cy@example.test", "wrong again", "198.51.100.77"))).toBe("invalid_credentials");
  });

  it.skipIf(skip)("20 concurrent guesses at one account get 5 evaluations, not more", async () => {
    await createLocalAccount(t.db, { email: "cat@example.test", password: "cat's password 1" });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(signIn("cat@example.test", `guess ${i}`, `203.0.113.${i + 1}`))));
    expect(outcomes.filter((o) => o === "invalid_credentials")).toHaveLength(SIGN_IN_THROTTLE.freePerAccount);
    expect(outcomes.filter((o) => o === "too_many_attempts")).toHaveLength(20 - SIGN_IN_THROTTLE.freePerAccount);
  });

  it.skipIf(skip)("locks a client guessing across many emails (even 40 at once), and only that client", async () => {
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(signIn(`spray${i}@example.test`, "guess guess", "192.0.2.99"))));
    expect(outcomes.filter((o) => o === "invalid_credentials")).toHaveLength(SIGN_IN_THROTTLE.perClient);
    expect(outcomes.filter((o) => o === "too_many_attempts")).toHaveLength(40 - SIGN_IN_THROTTLE.perClient);
    await createLocalAccount(t.db, { email: "dee@example.test", password: "dee's password 1" });
    expect(await outcome(signIn("dee@example.test", "dee's password 1", "192.0.2.99"))).toBe("too_many_attempts");
    expect(await outcome(signIn("dee@example.test", "dee's password 1", "192.0.2.100"))).toBe("signed in");
  });

  it.skipIf(skip)("a success does not count against its client", async () => {
    await createLocalAccount(t.db, { email: "del@example.test", password: "del's password 1" });
    for (let i = 0; i < 3; i++) expect(await outcome(signIn("del@example.test", "del's password 1", "192.0.2.150"))).toBe("signed in");
    expect((await throttleRow("client:192.0.2.150"))!.attempts).toBe(0);
  });

  it.skipIf(skip)("throttles sign-ups per client", async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.signUpsPerClientPerHour; i++) {
      await createLocalAccount(t.db, { email: `new${i}@example.test`, password: "long enough password" }, "192.0.2.200");
    }
    await expect(createLocalAccount(t.db, { email: "one-more@example.test", password: "long enough password" }, "192.0.2.200")).rejects.toMatchObject({ code: "too_many_attempts" });
    await expect(createLocalAccount(t.db, { email: "one-more@example.test", password: "long enough password" }, "192.0.2.201")).resolves.toMatchObject({ email: "one-more@example.test" });
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
    for (const table of ["local_auth.accounts", "local_auth.sessions", "local_auth.sign_in_failures", "local_auth.sign_in_throttle"]) {
      await expect(runAsCaller(t.db, { kind: "authenticated", claims }, (sql) => sql.query(`select * from ${table}`))).rejects.toMatchObject({ code: "42501" });
      await expect(runAsCaller(t.db, { kind: "anon" }, (sql) => sql.query(`select * from ${table}`))).rejects.toMatchObject({ code: "42501" });
    }
  });
});
