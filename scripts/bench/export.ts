/**
 * `npm run bench:export`: benchmarks.md P6 — 1,000,000 records to CSV in ≤ 30 s with peak memory
 * ≤ 300 MB, streamed. Seeds a fresh database on BENCH_PG_URL's server with generate_series, then
 * runs the console's export (lib/records/export.ts: the owner under RLS, a server-side cursor,
 * csv-stringify) into a file, and prints the time, the size, and the process's peak resident
 * memory (getrusage maxRSS, what `/usr/bin/time -v` reports as "Maximum resident set size").
 *
 * Options: --rows=N (default 1000000), --format=csv|ndjson, --keep (leave the database).
 */
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { runMigrations } from "@/lib/db/migrations";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim } from "@/lib/db/supabase-shim";
import type { ExportFormat } from "@/lib/records/encode";
import { openRecordsExport } from "@/lib/records/export";
import { seedVolume } from "@/lib/records/test-support";
import { buildTenancyFixture } from "@/lib/testing/tenancy-fixture";

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ROWS = Number(option("rows") ?? 1_000_000);
const FORMAT = (option("format") ?? "csv") as ExportFormat;
// A dev script, not the app: its own settings come from its command line and this one variable.
const PG_URL = new URL(process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const TARGET_SECONDS = 30;
const TARGET_MB = 300;

const name = `consentry_bench_export_${Date.now()}`;
const admin = openPostgresDatabase(PG_URL.toString(), { max: 1 });
await admin.exec(`create database ${name}`);
const url = new URL(PG_URL);
url.pathname = `/${name}`;
const db = openPostgresDatabase(url.toString(), { max: 4 });
const file = path.join(tmpdir(), `${name}.${FORMAT}`);
try {
  await bootstrapSupabaseShim(db);
  await runMigrations(db);
  const fx = await buildTenancyFixture(db);
  let started = performance.now();
  await seedVolume(db, fx.workspaceA, ROWS);
  console.log(`seeded ${ROWS.toLocaleString("en")} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const rssBefore = process.memoryUsage().rss;
  let heapPeak = 0;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 200);
  started = performance.now();
  const exported = await openRecordsExport({ db, caller: fx.personas.owner.caller, workspaceId: fx.workspaceA, filters: {}, format: FORMAT });
  await pipeline(Readable.fromWeb(exported.body as NodeReadableStream<Uint8Array>), createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const { size } = await stat(file);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    [
      `P6 export: ${exported.total.toLocaleString("en")} records to ${FORMAT.toUpperCase()} (${(size / 1e6).toFixed(0)} MB)`,
      `  time ${seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s) → ${seconds <= TARGET_SECONDS ? "met" : "NOT met"}`,
      `  peak resident memory ${peakMb.toFixed(0)} MB (target ≤ ${TARGET_MB} MB) → ${peakMb <= TARGET_MB ? "met" : "NOT met"}`,
      `  (resident before the export ${(rssBefore / 1e6).toFixed(0)} MB; JavaScript heap peak ${(heapPeak / 1e6).toFixed(0)} MB)`,
      `  ${(exported.total / seconds).toFixed(0)} records/s`,
    ].join("\n"),
  );
} finally {
  await rm(file, { force: true });
  await db.close();
  if (!args.includes("--keep")) await admin.exec(`drop database if exists ${name} with (force)`);
  await admin.close();
}
