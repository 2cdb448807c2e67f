/**
 * `npm run bench:sync` — P5 (benchmarks.md): commit → delivery under a sustained write load.
 * A fresh PostgreSQL database (BENCH_PG_URL, a superuser URL), one webhook destination pointing
 * at a local receiver, recordings at a steady rate (BENCH_SYNC_RATE per second for
 * BENCH_SYNC_SECONDS), delivered by one in-process worker. The receiver notes each message's
 * arrival against its `committedAt` (the recording transaction's time). Ends with:
 *   P5 p95 <n> ms target <= 1000
 *   P5 throughput <deliveries/s> vs writes <writes/s>
 */
process.env.TEST_DATABASE_URL ??= process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const RATE = Number(process.env.BENCH_SYNC_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 10);

async function main() {
  const { createTestDatabase } = await import("@/lib/testing/databases");
  const { buildTenancyFixture } = await import("@/lib/testing/tenancy-fixture");
  const { publishLedgerExperience, consentInput, asService } = await import("@/lib/consent/test-support");
  const { recordConsent } = await import("@/lib/consent/record");
  const { createDestination } = await import("@/lib/sync/destinations");
  const { startReceiver } = await import("@/lib/sync/testing/receiver");
  const { SyncWorker } = await import("@/lib/sync/engine/worker");

  const t = await createTestDatabase("postgres");
  try {
    const fx = await buildTenancyFixture(t);
    const ledger = await publishLedgerExperience(fx);
    const lags: number[] = [];
    let firstArrival = 0;
    let lastArrival = 0;
    const receiver = await startReceiver((request) => {
      const now = Date.now();
      const body = JSON.parse(request.body) as { committedAt: string };
      lags.push(now - Date.parse(body.committedAt));
      firstArrival ||= now;
      lastArrival = now;
      return { status: 200 };
    });
    await fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, { kind: "webhook", name: "Bench", url: receiver.url }, { allowPrivate: true }));
    const worker = new SyncWorker(fx.db, { policy: { allowPrivate: true } });
    await worker.start();

    const total = RATE * SECONDS;
    const people = Array.from({ length: Math.max(20, RATE) }, (_, i) => `bench.${i}@example.test`);
    const started = Date.now();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait)); // pacing the load, not a test
      writes.push(
        asService(fx, (sql) =>
          recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: people[i % people.length]! }, decisions: [{ purposeId: ledger.purposes.marketing!, state: i % 2 ? "given" : "withdrawn" }] })),
        ),
      );
    }
    await Promise.all(writes);
    const writeSeconds = (Date.now() - started) / 1000;
    await receiver.until(() => lags.length >= total, 120_000);
    await worker.stop();
    await receiver.close();
    lags.sort((a, b) => a - b);
    const p95 = lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.95) - 1)]!;
    const deliverySeconds = Math.max(0.001, (lastArrival - firstArrival) / 1000);
    console.log(`deliveries ${lags.length}, p50 ${lags[Math.floor(lags.length / 2)]} ms, max ${lags.at(-1)} ms`);
    console.log(`P5 p95 ${p95} ms target <= 1000`);
    console.log(`P5 throughput ${(lags.length / deliverySeconds).toFixed(1)}/s vs writes ${(total / writeSeconds).toFixed(1)}/s`);
  } finally {
    await t.close();
  }
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
