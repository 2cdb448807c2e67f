import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { TEST_NATS_URL } from "@/lib/testing/test-env";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { createDestination } from "@/lib/sync/destinations";
import { until } from "@/lib/sync/testing/until";
import { closeNatsConnections } from "./nats";
import { SyncWorker } from "./worker";

/**
 * The NATS JetStream destination against the real server (TEST_NATS_URL, which .ci/run starts):
 * a withdrawal lands in a stream, once per message id even when published twice, with the
 * person's sequence number, and the delivery records the stream's acknowledgement. The server
 * is on loopback, so it is reached only where private destinations are allowed: without the
 * setting it is refused when saved, and at connect time after its name is resolved.
 */
if (!TEST_NATS_URL) console.warn("⚠  TEST_NATS_URL is not set: the NATS destination suite is SKIPPED (nats://127.0.0.1:4222 in .ci/run).");

describe.skipIf(!TEST_NATS_URL)("NATS JetStream destination", () => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  let nc: NatsConnection;
  const stream = `CONSENTRY_TEST_${Date.now()}`;
  const subject = `consentry.test.${Date.now()}.consent`;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
    nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subject], duplicate_window: 60_000_000_000 });
  });
  afterAll(async () => {
    if (nc) {
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
      await nc.drain();
    }
    await closeNatsConnections();
    await t?.close();
  });

  it("a withdrawal reaches the stream with its message id and sequence, exactly once per id", async () => {
    const { destination } = await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { kind: "nats", name: "Data platform", nats: { servers: [TEST_NATS_URL!], subject } }, { allowPrivate: true }),
    );
    const email = `nats.${Date.now()}@example.test`;
    const record = (state: "given" | "withdrawn") =>
      asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: email }, decisions: [{ purposeId: ledger.purposes.marketing!, state }] })));
    await record("given");
    const withdrawn = await record("withdrawn");
    const worker = new SyncWorker(fx.db, { policy: { allowPrivate: true }, pollMs: 200, onError: (e) => console.error("worker error", e) });
    await worker.start();
    const consumer = await (await jetstreamManager(nc)).consumers.add(stream, { ack_policy: "explicit", durable_name: "test" });
    const messages = await jetstream(nc).consumers.get(stream, consumer.name);
    const received: { id: string; seq: string; body: { subject: { seq: number }; events: { id: string }[] } }[] = [];
    const iterator = await messages.consume();
    for await (const m of iterator) {
      received.push({ id: m.headers!.get("Nats-Msg-Id"), seq: m.headers!.get("Consentry-Seq"), body: m.json() });
      m.ack();
      if (received.length === 2) break;
    }
    await worker.stop();
    expect(received.map((m) => m.body.subject.seq)).toEqual([1, 2]);
    expect(received[1]!.body.events.map((e) => e.id)).toEqual(withdrawn.eventIds);
    expect(received.map((m) => m.seq)).toEqual(["1", "2"]);
    const deliveries = await t.superuser.query<{ id: string; status: string }>("select id, status::text from public.deliveries where destination_id = $1 order by outbox_id", [destination.id]);
    expect(deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
    expect(received.map((m) => m.id)).toEqual(deliveries.map((d) => d.id));
    // At least once, but once in the stream: publishing a message id again is dropped as a duplicate.
    const ack = await jetstream(nc).publish(subject, "{}", { msgID: deliveries[0]!.id });
    expect(ack.duplicate).toBe(true);
    const attempts = await t.superuser.query<{ response_excerpt: string }>("select response_excerpt from public.delivery_attempts where destination_id = $1", [destination.id]);
    expect(attempts.map((a) => a.response_excerpt)).toEqual([`${stream} #1`, `${stream} #2`]);
  });

  it("a loopback server is refused without CONSENTRY_ALLOW_PRIVATE_DESTINATIONS: when saved, and at connect time once its name resolves", async () => {
    const port = new URL(TEST_NATS_URL!).port || "4222";
    const save = (servers: string[]) =>
      fx
        .as("owner", (sql) => createDestination(sql, fx.workspaceA, { kind: "nats", name: "Bus", nats: { servers, subject: "consentry.refused" } }, { allowPrivate: false }))
        .then(
          () => "saved",
          (error: { code?: string; details?: unknown }) => `${error.code}:${String(error.details)}`,
        );
    expect(await save([TEST_NATS_URL!])).toBe("destination_unsafe_url:not_tls");
    expect(await save([`tls://127.0.0.1:${port}`])).toBe("destination_unsafe_url:private_address");
    expect(await save([`tls://localhost.:${port}`])).toBe("destination_unsafe_url:private_address");
    expect(await save([`tls://10.1.2.3:${port}`])).toBe("destination_unsafe_url:private_address");
    expect(await save([`tls://169.254.169.254:${port}`])).toBe("destination_unsafe_url:private_address");
    expect(await save([`tls://user:pw@nats.example.com:${port}`])).toBe("destination_unsafe_url:credentials_in_url");
    expect(await save([`tls://nats.example.com:${port}`])).toBe("saved");

    // Saved as a public name (the save-time check passed), now pointing at a name that resolves
    // to loopback (this machine's own, as in the webhook rebinding test): the worker resolves it
    // before connecting and refuses. The subject is one the stream captures,
    // so anything that got through would be counted there.
    const refusedSubject = `${subject}.refused`;
    await (await jetstreamManager(nc)).streams.update(stream, { subjects: [subject, refusedSubject] });
    const { destination } = await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { kind: "nats", name: "Rebound", nats: { servers: [`tls://nats.example.com:${port}`], subject: refusedSubject } }, { allowPrivate: false }),
    );
    await t.superuser.query("update public.destinations set config = jsonb_set(config, '{servers}', $2::jsonb) where id = $1", [
      destination.id,
      JSON.stringify([`tls://${hostname()}:${port}`]),
    ]);
    await asService(fx, (sql) =>
      recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: `rebound.${Date.now()}@example.test` }, decisions: [{ purposeId: ledger.purposes.marketing!, state: "withdrawn" }] })),
    );
    const worker = new SyncWorker(fx.db, { policy: { allowPrivate: false }, pollMs: 200, retryDelaysMs: [], onError: (e) => console.error("worker error", e) });
    await worker.start();
    const settled = async () =>
      t.superuser.query<{ status: string; error: string | null }>(
        "select d.status::text, a.error from public.deliveries d left join public.delivery_attempts a on a.delivery_id = d.id where d.destination_id = $1",
        [destination.id],
      );
    await until(async () => (await settled()).every((d) => d.status === "dead"));
    await worker.stop();
    const [attempt] = await settled();
    expect(attempt).toEqual({ status: "dead", error: `refused: tls://${hostname()}:${port}: 127.0.0.1 is not a public address` });
    const info = await (await jetstreamManager(nc)).streams.info(stream, { subjects_filter: refusedSubject });
    expect(info.state.subjects?.[refusedSubject] ?? 0).toBe(0);
  });
});
