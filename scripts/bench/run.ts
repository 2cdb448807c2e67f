/**
 * `npm run bench`: figures P3 and P4 of ../shared/design/benchmarks.md, each as a ratio against a
 * reference measured in the same run on the same machine, with the absolute numbers beside it.
 * Prints; never asserts. Everything runs on 127.0.0.1:
 *   1. a fresh PostgreSQL database (migrated, seeded with a workspace, a published experience
 *      and API keys) on the server of BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 *   2. the production server of the app (`next build` unless --no-build, then `npm run serve`,
 *      i.e. scripts/serve.mjs with CONSENTRY_WORKERS workers) on a free port;
 *   3. P3: autocannon against POST /api/v1/consents (a new person per request) vs pgbench
 *      single-row INSERTs on the same server; then p99 at half of the measured peak;
 *   4. P4: autocannon against POST /api/v1/decisions vs the no-op route; then p99 at 500 req/s.
 * Beside each figure: where the CPU went (scripts/bench/cpu.ts). The p99 figures come from
 * autocannon's overallRate, which sends each connection's share of a second's requests back to
 * back as the second begins (bursts of up to 32 concurrent requests) and adds synthetic samples
 * for responses slower than ceil(1/rate) ms: they are the p99 of those bursts.
 * Options: --no-build, --seconds=N (per measurement, default 8), --workers=N|auto (default: the
 * CONSENTRY_WORKERS of the environment, else 1, as `npm run serve`), --json (also write bench-results.json).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { runMigrations } from "@/lib/db/migrations";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim, quoteIdentifier } from "@/lib/db/supabase-shim";
import { buildApiFixture } from "@/lib/api/testing/api-fixture";
import { describeCpu, measureCpu, type CpuUse } from "./cpu";

const run = promisify(execFile);
const args = new Set(process.argv.slice(2));
const option = (name: string) => [...args].find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const SECONDS = Number(option("seconds") ?? 8);
const WORKERS = option("workers") ?? process.env.CONSENTRY_WORKERS ?? "1";
// A dev script, not the app: its own settings come from its command line and this one variable.
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROOT = path.resolve(import.meta.dirname, "../..");
// Its own build folder (git-ignored like the e2e builds), so a benchmark never overwrites or
// serves somebody else's build.
const DIST_DIR = ".next-e2e-bench";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  cpu: CpuUse[];
}

let appGroup: number | undefined;
let benchDatabase = "";

async function load(options: autocannon.Options): Promise<Load> {
  const cpu = measureCpu(appGroup, benchDatabase);
  const result = await autocannon({ connections: 16, pipelining: 1, duration: SECONDS, ...options });
  const used = cpu();
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpu: [used],
  };
}

async function pgbenchTps(url: string, seconds: number): Promise<{ tps: number; cpu: CpuUse[] }> {
  const cpu = measureCpu(appGroup, benchDatabase);
  const u = new URL(url);
  const { stdout } = await run("/usr/bin/pgbench", [
    "-n", "-f", path.join(ROOT, "scripts/bench/insert.sql"), "-c", "16", "-j", "2", "-T", String(seconds),
    "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username) || "postgres", u.pathname.slice(1),
  ]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { tps: Number(match[1]), cpu: [cpu()] };
}

/**
 * A figure and its reference measured in turns (ROUNDS slices each, SECONDS in all), so that
 * whatever else the shared machine does at the time weighs on both alike.
 */
const ROUNDS = 4;
async function inTurns<A extends { cpu: CpuUse[] }, B extends { cpu: CpuUse[] }>(
  first: (seconds: number) => Promise<A>,
  second: (seconds: number) => Promise<B>,
): Promise<[A[], B[]]> {
  const slice = Math.max(1, Math.round(SECONDS / ROUNDS));
  const a: A[] = [];
  const b: B[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(await first(slice));
    b.push(await second(slice));
  }
  return [a, b];
}

/** Slices of one load as one: requests over time, the worst p99 and p50 of the slices. */
function combine(slices: Load[]): Load {
  const seconds = slices.reduce((n, l) => n + l.cpu[0]!.seconds, 0);
  return {
    rps: slices.reduce((n, l) => n + l.rps * l.cpu[0]!.seconds, 0) / seconds,
    p50: Math.max(...slices.map((l) => l.p50)),
    p99: Math.max(...slices.map((l) => l.p99)),
    non2xx: slices.reduce((n, l) => n + l.non2xx, 0),
    errors: slices.reduce((n, l) => n + l.errors, 0),
    cpu: slices.flatMap((l) => l.cpu),
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? "meets target" : "BELOW target");

async function main() {
  const name = `consentry_bench_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString("hex")}`;
  benchDatabase = name;
  const admin = openPostgresDatabase(PG_URL, { max: 1 });
  await admin.exec(`create database ${quoteIdentifier(name)}`);
  const url = withDatabase(PG_URL, name);
  const db = openPostgresDatabase(url, { max: 2 });
  let server: ChildProcess | undefined;
  try {
    console.log(`database ${name}: migrating and seeding…`);
    await bootstrapSupabaseShim(db);
    await runMigrations(db);
    const fx = await buildApiFixture(db, "bench");
    await db.exec("create table bench_insert (id bigserial primary key, payload jsonb not null, created_at timestamptz not null default now())");
    // The benchmark's key is not throttled (a per-caller override, as for a large customer).
    await db.query("insert into private.api_rate_limit_overrides (subject, max_hits, note) select 'key:' || id, 1000000000, 'bench' from public.api_keys where workspace_id = $1", [fx.workspaceId]);

    if (!args.has("--no-build")) {
      console.log("next build…");
      await run("npx", ["next", "build"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CONSENTRY_DIST_DIR: DIST_DIR } });
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, CONSENTRY_DIST_DIR: DIST_DIR, CONSENTRY_WORKERS: WORKERS },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    appGroup = server.pid; // detached: its own process group, workers included
    await waitFor(`${base}/api/health`, 60_000);
    const headers = { "content-type": "application/json", authorization: `Bearer ${fx.keys.all}` };
    const consentBody = (email: string) =>
      JSON.stringify({
        experienceVersionId: fx.versionId,
        subject: { kind: "email", value: email },
        channel: "web",
        method: "save",
        locale: "en",
        region: { code: "CN", resolvedBy: "geoip" },
        decisions: [{ purposeId: fx.purposes.analytics, state: "given" }, { purposeId: fx.purposes.marketing, state: "refused" }],
      });
    // Warm the server (first requests compile and open pools) and make the decision's subject.
    const seeded = await fetch(`${base}/api/v1/consents`, { method: "POST", headers, body: consentBody("decided@example.test") });
    if (seeded.status !== 201) throw new Error(`seeding consent failed: ${seeded.status} ${await seeded.text()}`);
    const decisionBody = JSON.stringify({ subject: { kind: "email", value: "decided@example.test" }, purpose: fx.purposes.analytics, channel: "email" });
    await load({ url: `${base}/api/v1/decisions`, method: "POST", headers, body: decisionBody, duration: 2 });
    await load({ url: `${base}/api/v1/noop`, method: "POST", duration: 2 });

    let counter = 0;
    const consentRequest = {
      url: `${base}/api/v1/consents`,
      method: "POST" as const,
      headers,
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: consentBody(`p${counter++}-${randomBytes(3).toString("hex")}@example.test`) }) }],
    };
    await load({ ...consentRequest, duration: 2 });

    console.log(`measuring, ${SECONDS} s each (figure and reference in ${ROUNDS} turns)…`);
    const [pgbenchSlices, writeSlices] = await inTurns(
      (seconds) => pgbenchTps(url, seconds),
      (seconds) => load({ ...consentRequest, duration: seconds }),
    );
    const pgbench = { tps: pgbenchSlices.reduce((n, p) => n + p.tps, 0) / ROUNDS, cpu: pgbenchSlices.flatMap((p) => p.cpu) };
    const inserts = pgbench.tps;
    const writes = combine(writeSlices);
    const halfRate = Math.max(1, Math.floor(writes.rps / 2));
    const writesAtHalf = await load({ ...consentRequest, connections: 32, overallRate: halfRate });

    const [decisionSlices, noopSlices] = await inTurns(
      (seconds) => load({ url: `${base}/api/v1/decisions`, method: "POST", headers, body: decisionBody, duration: seconds }),
      (seconds) => load({ url: `${base}/api/v1/noop`, method: "POST", duration: seconds }),
    );
    const decisions = combine(decisionSlices);
    const noop = combine(noopSlices);
    const decisionsAt500 = await load({ url: `${base}/api/v1/decisions`, method: "POST", headers, body: decisionBody, connections: 32, overallRate: 500 });
    const [ledger] = await db.query<{ events: number; outbox: number; subjects: number }>(
      `select (select count(*)::int from public.consent_events) as events, (select count(*)::int from public.outbox) as outbox,
              (select count(*)::int from public.subjects) as subjects`,
    );

    const p3Ratio = writes.rps / inserts;
    const p4Ratio = decisions.rps / noop.rps;
    const lines = [
      "",
      `P3 consent writes (POST /api/v1/consents: 2 events + projection + subject chain + outbox row, one transaction)`,
      `   API ${fmt(writes.rps)} writes/s vs pgbench single-row INSERT ${fmt(inserts)} tps → ratio ${fmt(p3Ratio, 2)} (target ≥ 0.50: ${verdict(p3Ratio >= 0.5)})`,
      `   p99 at half of peak (${fmt(halfRate)} req/s): ${fmt(writesAtHalf.p99, 1)} ms (target ≤ 50 ms: ${verdict(writesAtHalf.p99 <= 50)}); p50 ${fmt(writesAtHalf.p50, 1)} ms; achieved ${fmt(writesAtHalf.rps)} req/s`,
      `   non-2xx ${writes.non2xx + writesAtHalf.non2xx}, errors ${writes.errors + writesAtHalf.errors}; ledger: ${ledger!.subjects} people, ${ledger!.events} events, ${ledger!.outbox} outbox rows`,
      `   the no-op route's ${fmt(noop.rps)} req/s would be ratio ${fmt(noop.rps / inserts, 2)}: the most any HTTP route of this server reaches here`,
      `   pgbench: ${describeCpu(pgbench.cpu)}`,
      `   writes:  ${describeCpu(writes.cpu)}`,
      `   at half: ${describeCpu(writesAtHalf.cpu)}`,
      `P4 decisions (POST /api/v1/decisions)`,
      `   API ${fmt(decisions.rps)} req/s vs no-op route ${fmt(noop.rps)} req/s → ratio ${fmt(p4Ratio, 2)} (target ≥ 0.60: ${verdict(p4Ratio >= 0.6)})`,
      `   p99 at 500 req/s: ${fmt(decisionsAt500.p99, 1)} ms (target ≤ 10 ms: ${verdict(decisionsAt500.p99 <= 10)}); p50 ${fmt(decisionsAt500.p50, 1)} ms; achieved ${fmt(decisionsAt500.rps)} req/s`,
      `   non-2xx ${decisions.non2xx + decisionsAt500.non2xx + noop.non2xx}, errors ${decisions.errors + decisionsAt500.errors + noop.errors}`,
      `   decisions: ${describeCpu(decisions.cpu)}`,
      `   no-op:     ${describeCpu(noop.cpu)}`,
      `   at 500/s:  ${describeCpu(decisionsAt500.cpu)}`,
      `(${SECONDS} s per measurement, figure and reference in ${ROUNDS} turns, 16 connections at peak, ${WORKERS} app worker(s); a 2-core shared machine: read the ratios, not the absolutes)`,
    ];
    console.log(lines.join("\n"));
    if (args.has("--json")) {
      await writeFile(
        path.join(ROOT, "bench-results.json"),
        JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, workers: WORKERS, p3: { inserts, pgbench, writes, writesAtHalf, ratio: p3Ratio, ledger }, p4: { decisions, noop, decisionsAt500, ratio: p4Ratio } }, null, 2),
      );
    }
  } finally {
    if (server?.pid) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      try {
        process.kill(-server.pid, "SIGTERM");
        // Gone before its database is dropped, so it reports no lost connections.
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      } catch {
        /* already gone */
      }
    }
    await db.close();
    await admin.exec(`drop database if exists ${quoteIdentifier(name)} with (force)`).catch(() => undefined);
    await admin.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
