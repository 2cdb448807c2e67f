import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
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
 * benchmarks.md P8 figure), and an export of every row completes while the retained heap stays
 * bounded — measured after forced collections, so it is what the export keeps, not garbage
 * waiting to be collected.
 */

// A garbage collector we can call, without asking every test run for --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * What the process keeps after a full collection: the JavaScript heap, plus buffers on PostgreSQL
 * (encoded chunks waiting in the stream would be there). Not on PGlite, whose WASM memory is a
 * buffer too and grows with the engine's own caches.
 */
const retainedMemory = (withBuffers: boolean) => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + (withBuffers ? usage.arrayBuffers : 0);
};

/** Retained growth allowed during an export: a few batches (~1 MB each), far below the export's size. */
const MEMORY_BOUND = 16e6;

describe.each(TEST_TARGETS)("records at volume on $target", ({ target, skip }) => {
  const count = target === "postgres" ? 100_000 : 20_000;
  const withBuffers = target === "postgres";
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

  it.skipIf(skip)(`exports every row as CSV through the cursor with a bounded heap`, async () => {
    const before = retainedMemory(withBuffers);
    let peak = 0;
    let bytes = 0;
    let newlines = 0;
    let chunks = 0;
    const started = performance.now();
    const exported = await openRecordsExport({ db: fx.db, caller: fx.personas.owner.caller, workspaceId: fx.workspaceA, filters: {}, format: "csv" });
    expect(exported.total).toBe(count);
    const reader = exported.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) newlines++;
      if (++chunks % 10 === 0) peak = Math.max(peak, retainedMemory(withBuffers) - before);
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `[records export ${target}] ${count} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; retained memory growth peak ${(peak / 1e6).toFixed(1)} MB`,
    );
    expect(newlines).toBe(count + 1);
    expect(bytes).toBeGreaterThan(count * 300);
    // On PostgreSQL the export (~48 MB) is three times the bound: holding it would fail this.
    expect(peak).toBeLessThan(MEMORY_BOUND);
    const [completed] = await runAsCaller(fx.db, fx.personas.owner.caller, (sql) =>
      sql.query<{ row_count: number }>(
        "select (after ->> 'row_count')::int as row_count from public.audit_log where target_id = $1 and action = 'records.export_completed'",
        [exported.exportId],
      ),
    );
    expect(completed?.row_count).toBe(count);
  }, 300_000);
});
