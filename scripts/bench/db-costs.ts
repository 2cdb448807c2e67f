/**
 * `npm run bench:db`: what one call costs in the database alone, without HTTP, one at a time on
 * a fresh database of BENCH_PG_URL's server: the API key check, recording two decisions for a
 * new person (events, projection, chain, outbox row), one decision, the rate limit, and the
 * floors (an empty statement; an empty service transaction). Each as the public API runs it now
 * (one statement on a session that holds the service role, lib/api/service.ts) and as a
 * transaction that sets the role first, to show what the round trips cost. Then the SQL
 * functions' own time (track_functions). Read it beside `npm run bench` to tell database time
 * from the web server's.
 */
import { randomBytes } from "node:crypto";
import { buildApiFixture } from "@/lib/api/testing/api-fixture";
import { runApiStatement } from "@/lib/api/service";
import { countRequest, enforceRateLimit } from "@/lib/api/rate-limit";
import { runAsService } from "@/lib/db/caller";
import { runMigrations } from "@/lib/db/migrations";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim } from "@/lib/db/supabase-shim";
import { recordConsent } from "@/lib/consent/record";
import { decideMany } from "@/lib/consent/decisions";
import { verifyApiKey } from "@/lib/consent/api-keys";

// A dev script: its one setting comes from here, like scripts/bench/run.ts.
const PG_URL = new URL(process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const N = 300;
const admin = openPostgresDatabase(PG_URL.toString(), { max: 1 });
await admin.exec("drop database if exists consentry_prof with (force)");
await admin.exec("create database consentry_prof");
await admin.exec("alter database consentry_prof set track_functions = 'pl'");
const database = new URL(PG_URL);
database.pathname = "/consentry_prof";
const db = openPostgresDatabase(database.toString(), { max: 4 });
await bootstrapSupabaseShim(db);
await runMigrations(db);
const fx = await buildApiFixture(db);
await db.query("select pg_stat_reset()");
const time = async (label: string, work: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 20; i++) await work(i + 1_000_000); // warm plans and connections
  const start = performance.now();
  for (let i = 0; i < N; i++) await work(i);
  console.log(`${label.padEnd(58)} ${((performance.now() - start) / N).toFixed(3)} ms/op`);
};
let person = 0;
const input = () => ({
  workspaceId: fx.workspaceId,
  experienceVersionId: fx.versionId,
  subject: { kind: "email" as const, value: `p${person++}-${randomBytes(3).toString("hex")}@example.com` },
  channel: "web" as const,
  method: "save" as const,
  expressedBy: "subject" as const,
  locale: "en",
  region: { code: "EU", resolvedBy: "parameter" },
  decisions: [
    { purposeId: fx.purposes.analytics, state: "given" as const },
    { purposeId: fx.purposes.marketing, state: "refused" as const },
  ],
  context: {},
});
const question = (i: number) => [{ subject: { kind: "email" as const, value: `p${i}@example.com` }, purposeKey: "analytics", channel: "email" as const }];
const asService = <T>(work: Parameters<typeof runAsService<T>>[2]) => runAsService(db, "consent-api", work);

await time("API key check (transaction; once per key per 5 s)", () => verifyApiKey(db, fx.keys.all));
await time("record 2 decisions, new person: one statement (the API)", () => runApiStatement(db, (sql) => recordConsent(sql, input())));
await time("record 2 decisions, new person: transaction setting role", () => asService((sql) => recordConsent(sql, input())));
await time("decide 1: one statement (the API)", (i) => runApiStatement(db, (sql) => decideMany(sql, fx.workspaceId, question(i))));
await time("decide 1: transaction setting role", (i) => asService((sql) => decideMany(sql, fx.workspaceId, question(i))));
await time("rate limit: counted in memory (the API)", () => countRequest(db, "bench", "key:db-costs", { max: 1e9, windowSeconds: 60 }));
await time("rate limit: one transaction per request (before)", () => asService((sql) => enforceRateLimit(sql, "bench", "key:db-costs-tx", { max: 1e9, windowSeconds: 60 })));
await time("floor: select 1, one statement", () => runApiStatement(db, (sql) => sql.query("select 1")));
await time("floor: select 1 in a transaction setting role", () => asService((sql) => sql.query("select 1")));

await db.query("select pg_stat_force_next_flush()").catch(() => undefined);
await new Promise((resolve) => setTimeout(resolve, 1200));
const functions = await db.query<{ name: string; calls: number; self_us: number; total_us: number }>(
  `select schemaname || '.' || funcname as name, calls::int as calls,
     round((self_time * 1000 / calls)::numeric, 1)::float as self_us, round((total_time * 1000 / calls)::numeric, 1)::float as total_us
   from pg_stat_user_functions where calls > 0 order by self_time desc limit 12`,
);
console.log("\nSQL functions by own time (µs per call; total includes what they call):");
for (const f of functions) console.log(`  ${f.name.padEnd(46)} ${String(f.calls).padStart(6)} calls  self ${String(f.self_us).padStart(7)}  total ${String(f.total_us).padStart(7)}`);
await db.close();
await admin.exec("drop database consentry_prof with (force)");
await admin.close();
