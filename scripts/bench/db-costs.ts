/**
 * `npm run bench:db`: what one call costs in the database alone, without HTTP: API key check,
 * recording two decisions for a new person, one decision, and an empty service transaction as
 * the floor. Sequential, one connection, on a fresh database of BENCH_PG_URL's server. Read it
 * beside `npm run bench` to tell database time from the web server's.
 */
import { randomBytes } from "node:crypto";
import { buildApiFixture } from "@/lib/api/testing/api-fixture";
import { runAsService } from "@/lib/db/caller";
import { runMigrations } from "@/lib/db/migrations";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { bootstrapSupabaseShim } from "@/lib/db/supabase-shim";
import { recordConsent } from "@/lib/consent/record";
import { decideMany } from "@/lib/consent/decisions";
import { verifyApiKey } from "@/lib/consent/api-keys";

// A dev script: its one setting comes from here, like scripts/bench/run.ts.
const PG_URL = new URL(process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const admin = openPostgresDatabase(PG_URL.toString(), { max: 1 });
await admin.exec("drop database if exists consentry_prof with (force)");
await admin.exec("create database consentry_prof");
const database = new URL(PG_URL);
database.pathname = "/consentry_prof";
const db = openPostgresDatabase(database.toString(), { max: 4 });
await bootstrapSupabaseShim(db);
await runMigrations(db);
const fx = await buildApiFixture(db);
const time = async (label: string, n: number, work: (i: number) => Promise<unknown>) => {
  const start = performance.now();
  for (let i = 0; i < n; i++) await work(i);
  console.log(label, ((performance.now() - start) / n).toFixed(2), "ms/op");
};
const input = (i: number) => ({
  workspaceId: fx.workspaceId,
  experienceVersionId: fx.versionId,
  subject: { kind: "email" as const, value: `p${i}-${randomBytes(3).toString("hex")}@example.com` },
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
await time("verifyApiKey", 200, () => verifyApiKey(db, fx.keys.all));
await time("recordConsent (service tx)", 200, (i) => runAsService(db, "consent-api", (sql) => recordConsent(sql, input(i) as never)));
await time("decideMany(1)", 200, (i) => runAsService(db, "consent-api", (sql) => decideMany(sql, fx.workspaceId, [{ subject: { kind: "email", value: `p${i}@example.com` }, purposeKey: "analytics", channel: "email" } as never])));
await time("select 1 tx", 200, () => runAsService(db, "consent-api", (sql) => sql.query("select 1")));
await db.close();
await admin.exec("drop database consentry_prof with (force)");
await admin.close();
