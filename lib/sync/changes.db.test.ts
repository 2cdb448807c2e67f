import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { runAsService } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { changesAfter, decodeCursor } from "./changes";

/**
 * The pull feed's cursor (GET /api/v1/changes): paging hands out every change once, in commit
 * order; a change committed late by a transaction that started early is held back until it can
 * no longer be overtaken, instead of being skipped.
 */
describe.each(TEST_TARGETS)("changes feed on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
  });
  afterAll(async () => t?.close());

  // Until no transaction that began before the last commit is open anywhere on the server.
  const FEED_SETTLES = { timeout: 30_000, interval: 100 };
  const record = (email: string) =>
    asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: email } })));
  const page = (after: string | undefined, limit: number) => runAsService(fx.db, "consent-api", (sql) => changesAfter(sql, fx.workspaceA, after, limit));
  async function drain(after: string | undefined): Promise<{ ids: number[]; next: string | undefined }> {
    const ids: number[] = [];
    let cursor = after;
    for (;;) {
      const { changes, next } = await page(cursor, 2);
      ids.push(...changes.map((c) => c.id));
      if (changes.length === 0) return { ids, next: cursor };
      cursor = next;
    }
  }

  const outboxIds = async () =>
    (await t.superuser.query<{ id: number }>("select id::int as id from public.outbox where workspace_id = $1 order by transaction_id, id", [fx.workspaceA])).map((o) => o.id);
  /** From the start to the end of what is committed now: the cursor after the last change. */
  async function drainEverything(): Promise<{ ids: number[]; next: string | undefined }> {
    // The feed holds back what a still-open transaction could precede, and the snapshot that says
    // so spans the whole server: another suite's open transaction holds it back for a moment too.
    const all = await outboxIds();
    let drained: { ids: number[]; next: string | undefined } = { ids: [], next: undefined };
    await expect.poll(async () => (drained = await drain(undefined)).ids.length, FEED_SETTLES).toBe(all.length);
    return drained;
  }

  it.skipIf(skip)("pages through every change once, in order, and a cursor at the end waits for new ones", async () => {
    for (let i = 0; i < 5; i += 1) await record(`feed.${i}.${Date.now()}@example.test`);
    const outbox = await outboxIds();
    const drained = await drainEverything();
    expect(drained.ids).toEqual(outbox);
    const later = await record(`feed.later.${Date.now()}@example.test`);
    await expect.poll(async () => (await page(drained.next, 10)).changes.map((c) => c.subjectId), FEED_SETTLES).toEqual([later.subjectId]);
    expect(decodeCursor("not a cursor")).toBeNull();
    // Another workspace's caller sees none of A's changes.
    expect((await runAsService(fx.db, "consent-api", (sql) => changesAfter(sql, fx.workspaceB, undefined, 10))).changes).toEqual([]);
  });

  it.skipIf(skip || target === "pglite")("a transaction that started first but commits last is not skipped", async () => {
    const { next: start } = await drainEverything();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recordedEarly!: () => void;
    const early = new Promise<void>((resolve) => (recordedEarly = resolve));
    const slow = runAsService(fx.db, "consent-api", async (sql) => {
      const result = await recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: `slow.${Date.now()}@example.test` } }));
      recordedEarly();
      await held;
      return result;
    });
    await early;
    const fast = await record(`fast.${Date.now()}@example.test`);
    // The fast change is committed, but the slow transaction could still commit before it in
    // (transaction, id) order: nothing is handed out yet.
    expect((await page(start, 10)).changes).toEqual([]);
    release();
    const slowResult = await slow;
    await expect.poll(async () => (await page(start, 10)).changes.map((c) => c.subjectId), FEED_SETTLES).toEqual([slowResult.subjectId, fast.subjectId]);
  });
});
