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

  it.skipIf(skip)("pages through every change once, in order, and a cursor at the end waits for new ones", async () => {
    for (let i = 0; i < 5; i += 1) await record(`feed.${i}.${Date.now()}@example.test`);
    const outbox = await t.superuser.query<{ id: number }>("select id::int as id from public.outbox where workspace_id = $1 order by transaction_id, id", [fx.workspaceA]);
    const { ids, next } = await drain(undefined);
    expect(ids).toEqual(outbox.map((o) => o.id));
    const later = await record(`feed.later.${Date.now()}@example.test`);
    const { changes } = await page(next, 10);
    expect(changes.map((c) => c.subjectId)).toEqual([later.subjectId]);
    expect(decodeCursor("not a cursor")).toBeNull();
    // Another workspace's caller sees none of A's changes.
    expect((await runAsService(fx.db, "consent-api", (sql) => changesAfter(sql, fx.workspaceB, undefined, 10))).changes).toEqual([]);
  });

  it.skipIf(skip || target === "pglite")("a transaction that started first but commits last is not skipped", async () => {
    const { next: start } = await drain(undefined);
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
    const { changes } = await page(start, 10);
    expect(changes.map((c) => c.subjectId)).toEqual([slowResult.subjectId, fast.subjectId]);
  });
});
