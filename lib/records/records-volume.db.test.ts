import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsCaller } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { openRecordsExport } from "./export";
import type { RecordFilters } from "./filters";
import { searchRecords } from "./search";
import { seedVolume } from "./test-support";
import { olderThan, recordsWhere } from "./where";

/**
 * Volume: 100,000 seeded events on PostgreSQL (20,000 on PGlite, whose single-threaded WASM
 * engine takes ~10× longer to seed and read; the streaming code is the same). The explorer's
 * list queries use an index under row-level security (their EXPLAIN ANALYZE is printed: the
 * benchmarks.md P8 figure), and an export of every row reads from the database only as fast as
 * its reader takes the rows. That is checked by counting rows, not by measuring the heap: what a
 * collector keeps depends on the machine, the count does not (`npm run bench:export` prints the
 * memory figure, P6).
 */

/** Batches the export may hold beyond what its reader took: the stream's high-water mark (2) and the one being read. */
const READ_AHEAD_BATCHES = 3;
const BATCH = 500;

describe.each(TEST_TARGETS)("records at volume on $target", ({ target, skip }) => {
  const count = target === "postgres" ? 100_000 : 20_000;
  let t: TestDatabase;
  let fx: TenancyFixture;
  let purpose: string;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    await seedVolume(t.superuser, fx.workspaceA, count);
    [{ id: purpose }] = (await fx.as("owner", (sql) =>
      sql.query<{ id: string }>("select id from public.purposes where workspace_id = $1 and key = 'marketing'", [fx.workspaceA]),
    )) as [{ id: string }];
  }, 300_000);
  afterAll(async () => t?.close());

  it.skipIf(skip)("list queries read an index under RLS, not the table", async () => {
    const cases: [string, RecordFilters][] = [
      ["all", {}],
      ["purpose", { purpose }],
      ["region", { region: "HK" }],
      ["state + channel", { state: "withdrawn", channel: "app" }],
      ["method + date", { method: "toggle", from: new Date(Date.now() - 10 * 86400_000).toISOString().slice(0, 10) }],
    ];
    const page = await fx.as("viewer", (sql) => searchRecords(sql, fx.workspaceA, {}, { size: 50 }));
    expect(page.rows).toHaveLength(50);
    expect(page.totalCapped).toBe(true);
    for (const [name, filters] of cases) {
      for (const cursor of [null, page.nextCursor!.split("~")]) {
        const where = olderThan(recordsWhere(fx.workspaceA, filters), cursor ? { receivedAt: cursor[0]!, id: cursor[1]! } : null);
        const plan = await fx.as("viewer", (sql) =>
          sql.query<{ "QUERY PLAN": string }>(
            `explain (analyze, costs off, timing on) select e.id from public.consent_events e where ${where.clause}
             order by e.received_at desc, e.id desc limit 51`,
            where.params,
          ),
        );
        const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
        const time = /Execution Time: ([\d.]+) ms/.exec(text)?.[1];
        console.info(`[records P8 ${target}] ${name}${cursor ? " (page 2)" : ""}: ${time} ms`);
        expect(text, name).toMatch(/(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) consent_events_\w+/);
        expect(text, name).not.toMatch(/Seq Scan on consent_events/);
      }
    }
  });

  it.skipIf(skip)("exports every row as CSV through the cursor, reading no further ahead than its reader", async () => {
    let read = 0;
    let taken = 0;
    let furthestAhead = 0;
    let bytes = 0;
    let chunks = 0;
    const started = performance.now();
    const exported = await openRecordsExport({
      db: fx.db,
      caller: fx.personas.owner.caller,
      workspaceId: fx.workspaceA,
      filters: {},
      format: "csv",
      batchSize: BATCH,
      onBatchRead: (rows) => {
        read += rows;
        furthestAhead = Math.max(furthestAhead, read - taken);
      },
    });
    expect(exported.total).toBe(count);
    const reader = exported.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) taken++;
      // A slow reader now and then: an export that read ahead regardless would run away here.
      // (PGlite's one connection is the export's, so there the reader only yields.)
      if (++chunks % 20 === 0) for (let i = 0; i < 5; i++) await (target === "postgres" ? t.superuser.query("select 1") : new Promise((resolve) => setImmediate(resolve)));
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`[records export ${target}] ${count} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; read ahead of the reader by ${furthestAhead} rows at most`);
    expect(taken).toBe(count + 1); // the header line too
    expect(bytes).toBeGreaterThan(count * 300);
    expect(furthestAhead).toBeLessThanOrEqual(READ_AHEAD_BATCHES * BATCH + 1);
    const [completed] = await runAsCaller(fx.db, fx.personas.owner.caller, (sql) =>
      sql.query<{ row_count: number }>(
        "select (after ->> 'row_count')::int as row_count from public.audit_log where target_id = $1 and action = 'records.export_completed'",
        [exported.exportId],
      ),
    );
    expect(completed?.row_count).toBe(count);
  }, 300_000);
});
