import { createHash, createPublicKey, verify as edVerify } from "node:crypto";
import { hostname } from "node:os";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { createDestination, rotateDestinationSecret, setDestinationPaused, type CreateDestinationInput } from "@/lib/sync/destinations";
import { keepIdentifierValue } from "@/lib/sync/identifiers";
import { startReceiver, type Answer, type Receiver } from "@/lib/sync/testing/receiver";
import { SyncWorker } from "./worker";

/**
 * The delivery engine end to end on both engines: a recording commits, the worker (woken by
 * NOTIFY) signs and posts the message to a local receiver, and records the attempt; failures
 * are retried, 410 disables, redirects are not followed, the last failure is dead and can be
 * retried, replay makes new messages, and a name resolving to a private address is refused at
 * connect time.
 */
const LOOPBACK = { allowPrivate: true };
const FAST = [10, 10]; // three attempts, milliseconds apart

interface Body {
  id: string;
  subject: { id: string; seq: number; identifiers: unknown[] };
  events: { id: string; state: string; purposeKey: string }[];
  state: Record<string, { state: string }>;
  stateSeq: number;
}

describe.each(TEST_TARGETS)("sync engine on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => t?.close());

  async function receiver(answer?: (r: { headers: Record<string, string>; body: string }, i: number) => Answer): Promise<Receiver> {
    const r = await startReceiver(answer);
    cleanup.push(() => r.close());
    return r;
  }
  async function worker(policy = LOOPBACK, retryDelaysMs: readonly number[] = FAST): Promise<SyncWorker> {
    const w = new SyncWorker(fx.db, { policy, retryDelaysMs, requestTimeoutMs: 2000, pollMs: 200, onError: (e) => console.error("worker error", e) });
    await w.start();
    cleanup.push(() => w.stop());
    return w;
  }
  async function destination(input: Partial<CreateDestinationInput> & { url: string }) {
    // Every destination of these tests is deleted afterwards, so each test sees only its own.
    const created = await fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, { kind: "webhook", name: "Receiver", ...input } as CreateDestinationInput, LOOPBACK));
    cleanup.push(() => t.superuser.query("update public.destinations set deleted_at = now() where id = $1", [created.destination.id]).then(() => undefined));
    return created;
  }
  const deliveries = (destinationId: string) =>
    t.superuser.query<{ id: string; status: string; attempts: number; seq: number; last_error: string | null; replay_of: string | null }>(
      "select id, status::text, attempts, seq::int as seq, last_error, replay_of from public.deliveries where destination_id = $1 order by outbox_id, created_at",
      [destinationId],
    );
  const record = (email: string, state: "given" | "withdrawn" | "refused", purpose = "marketing") =>
    asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: email }, decisions: [{ purposeId: ledger.purposes[purpose]!, state }] })));

  it.skipIf(skip)("a withdrawal reaches the receiver signed (v1 and v1a), with the full state and only the identifiers the policy names", async () => {
    const r = await receiver();
    const { destination: dest, signingSecret } = await destination({ url: r.url, identifierPolicy: { email: "sha256" } });
    const email = `Person.${Date.now()}@Example.test`;
    await record(email, "given", "analytics");
    await asService(fx, (sql) => keepIdentifierValue(sql, fx.workspaceA, "email", email));
    const withdrawn = await record(email, "withdrawn");
    await worker();
    await r.until(() => r.received.length >= 2);
    const [first, second] = r.received;
    for (const message of [first!, second!]) {
      expect(() => new Webhook(signingSecret!).verify(message.body, message.headers)).not.toThrow();
      const v1a = message.headers["webhook-signature"]!.split(" ").find((s) => s.startsWith("v1a,"))!.slice(4);
      const raw = Buffer.from(dest.signingPublicKey!.slice(5), "base64");
      const key = createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]), format: "der", type: "spki" });
      const signed = `${message.headers["webhook-id"]}.${message.headers["webhook-timestamp"]}.${message.body}`;
      expect(edVerify(null, Buffer.from(signed), key, Buffer.from(v1a, "base64"))).toBe(true);
    }
    const body = JSON.parse(second!.body) as Body;
    expect(body.id).toBe(second!.headers["webhook-id"]);
    expect(body.events.map((e) => e.id)).toEqual(withdrawn.eventIds);
    expect(body.subject.seq).toBe(2);
    expect(body.state).toMatchObject({ analytics: { state: "given" }, marketing: { state: "withdrawn" } });
    expect(body.subject.identifiers).toEqual([{ kind: "email", form: "sha256", value: createHash("sha256").update(email.toLowerCase()).digest("hex") }]);
    expect(second!.body).not.toContain(email.toLowerCase());
    // Messages are built when sent: the first one, recorded before the value was kept, has it too.
    expect((JSON.parse(first!.body) as Body).subject.seq).toBe(1);
    await r.until(async () => (await deliveries(dest.id)).every((d) => d.status === "delivered"));
    const attempts = await t.superuser.query<{ ok: boolean; status_code: number }>("select ok, status_code from public.delivery_attempts where destination_id = $1", [dest.id]);
    expect(attempts).toEqual([{ ok: true, status_code: 200 }, { ok: true, status_code: 200 }]);

    // A person whose value was never kept: hash-only, and the message says so.
    await record(`hash.only.${Date.now()}@example.test`, "refused");
    await r.until(() => r.received.length >= 3);
    expect((JSON.parse(r.received[2]!.body) as Body).subject.identifiers).toEqual([{ kind: "email", form: "sha256", available: false, reason: "hash_only" }]);

    // Rotation: for 24 hours both secrets sign, so a receiver holding either verifies.
    const rotated = await fx.as("owner", (sql) => rotateDestinationSecret(sql, fx.workspaceA, dest.id));
    await record(email, "given");
    await r.until(() => r.received.length >= 4);
    const fourth = r.received[3]!;
    expect(fourth.headers["webhook-signature"]!.split(" ").map((s) => s.split(",")[0])).toEqual(["v1", "v1", "v1a"]);
    expect(() => new Webhook(signingSecret!).verify(fourth.body, fourth.headers)).not.toThrow();
    expect(() => new Webhook(rotated.signingSecret!).verify(fourth.body, fourth.headers)).not.toThrow();
  });

  it.skipIf(skip)("per person, a later change waits while an earlier one is retried; failures are retried until delivered", async () => {
    // The first three requests fail (500, a dropped connection, 429 with Retry-After), then all succeed.
    const r = await receiver((_, i) => (i === 0 ? { status: 500 } : i === 1 ? "drop" : i === 2 ? { status: 429, headers: { "retry-after": "0" } } : { status: 204 }));
    const { destination: dest } = await destination({ url: r.url });
    const email = `ordered.${Date.now()}@example.test`;
    await record(email, "given");
    await record(email, "withdrawn");
    await record(email, "given");
    await worker(LOOPBACK, [10, 10, 10, 10, 10]);
    await r.until(async () => (await deliveries(dest.id)).every((d) => d.status === "delivered"));
    const seqs = r.received.map((m) => (JSON.parse(m.body) as Body).subject.seq);
    expect(seqs).toEqual([1, 1, 1, 1, 2, 3]);
    expect(r.received.slice(0, 4).map((m) => m.headers["webhook-id"])).toEqual(Array(4).fill(r.received[0]!.headers["webhook-id"]));
    expect((await deliveries(dest.id)).map((d) => d.attempts)).toEqual([4, 1, 1]);
  });

  it.skipIf(skip)("a message carries the person's state as it is when sent, not as of its change: stateSeq says which", async () => {
    // The documented design (README, Sync, Messages): a receiver that was down gets the newest
    // state in its first message, never a stale grant ahead of the withdrawal that follows it.
    // The history is in `events`, as of each change.
    const r = await receiver();
    const { destination: dest } = await destination({ url: r.url });
    const email = `current.${Date.now()}@example.test`;
    const given = await record(email, "given");
    const withdrawn = await record(email, "withdrawn");
    await worker();
    await r.until(async () => (await deliveries(dest.id)).every((d) => d.status === "delivered"));
    const bodies = r.received.map((m) => JSON.parse(m.body) as Body);
    expect(bodies.map((b) => b.subject.seq)).toEqual([1, 2]);
    expect(bodies.map((b) => b.events.map((e) => e.id))).toEqual([given.eventIds, withdrawn.eventIds]);
    expect(bodies.map((b) => b.events.map((e) => e.state))).toEqual([["given"], ["withdrawn"]]);
    // Both carry the state after the withdrawal, and say it is the state at sequence 2.
    expect(bodies.map((b) => b.state.marketing?.state)).toEqual(["withdrawn", "withdrawn"]);
    expect(bodies.map((b) => b.stateSeq)).toEqual([2, 2]);
  });

  it.skipIf(skip)("a redirect is not followed and, after the last attempt, the delivery is dead; an owner retries it", async () => {
    let redirect = true;
    const r = await receiver(() => (redirect ? { status: 302, headers: { location: "http://169.254.169.254/" } } : { status: 200 }));
    const { destination: dest } = await destination({ url: r.url });
    await record(`dead.${Date.now()}@example.test`, "given");
    await worker();
    await r.until(async () => (await deliveries(dest.id))[0]?.status === "dead");
    const [dead] = await deliveries(dest.id);
    expect(dead).toMatchObject({ attempts: 3, last_error: "redirect 302 not followed" });
    expect(r.received).toHaveLength(3);
    redirect = false;
    expect(await fx.as("viewer", (sql) => sql.query("select public.retry_delivery($1)", [dead!.id]).then(() => "ok", (e: Error) => e.message))).toBe("consentry.forbidden");
    await fx.as("admin", (sql) => sql.query("select public.retry_delivery($1)", [dead!.id]));
    await r.until(async () => (await deliveries(dest.id))[0]?.status === "delivered");
    expect(r.received.at(-1)!.headers["webhook-id"]).toBe(dead!.id);
  });

  it.skipIf(skip)("410 Gone disables the destination; resumed, it delivers what waited; replay sends again under new ids", async () => {
    let gone = true;
    const r = await receiver(() => (gone ? { status: 410 } : { status: 200 }));
    const { destination: dest } = await destination({ url: r.url });
    const email = `gone.${Date.now()}@example.test`;
    const { subjectId } = await record(email, "given");
    await worker();
    await r.until(async () => (await t.superuser.query<{ d: Date | null }>("select disabled_at as d from public.destinations where id = $1", [dest.id]))[0]!.d !== null);
    await record(email, "withdrawn");
    expect((await deliveries(dest.id)).map((d) => d.status)).toEqual(["retrying", "pending"]);
    gone = false;
    await fx.as("owner", (sql) => setDestinationPaused(sql, fx.workspaceA, dest.id, false));
    await r.until(async () => (await deliveries(dest.id)).every((d) => d.status === "delivered"));
    expect(r.received.slice(1).map((m) => (JSON.parse(m.body) as Body).subject.seq)).toEqual([1, 2]);

    const [made] = await fx.as("owner", (sql) =>
      sql.query<{ n: number }>("select public.replay_deliveries($1, now() - interval '1 hour', now() + interval '1 minute', $2) as n", [dest.id, subjectId]),
    );
    expect(made!.n).toBe(2);
    await r.until(async () => (await deliveries(dest.id)).length === 4 && (await deliveries(dest.id)).every((d) => d.status === "delivered"));
    const all = await deliveries(dest.id);
    expect(all.filter((d) => d.replay_of !== null)).toHaveLength(2);
    expect(new Set(r.received.slice(-2).map((m) => m.headers["webhook-id"]))).toEqual(new Set(all.filter((d) => d.replay_of).map((d) => d.id)));
  });

  it.skipIf(skip)("a name that resolves to a private address is refused at connect time (DNS rebinding), and nothing is sent", async () => {
    const r = await receiver();
    const { destination: dest } = await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { kind: "webhook", name: "Rebinding", url: `https://${hostname()}:${r.port}/hook` }, { allowPrivate: false }),
    );
    cleanup.push(() => t.superuser.query("update public.destinations set deleted_at = now() where id = $1", [dest.id]).then(() => undefined));
    // And one saved before the rules, pointing at a private literal: refused at send time too.
    const { destination: literal } = await destination({ url: r.url });
    await t.superuser.query(`update public.destinations set config = '{"url": "https://10.0.0.1/hook"}' where id = $1`, [literal.id]);
    await record(`ssrf.${Date.now()}@example.test`, "given");
    await worker({ allowPrivate: false });
    const errors = async () =>
      (await t.superuser.query<{ destination_id: string; error: string }>("select destination_id, error from public.delivery_attempts where destination_id = any ($1)", [[dest.id, literal.id]]));
    await r.until(async () => new Set((await errors()).map((e) => e.destination_id)).size === 2);
    const found = await errors();
    expect(found.find((e) => e.destination_id === dest.id)!.error).toBe("refused: 127.0.0.1 is not a public address");
    expect(found.find((e) => e.destination_id === literal.id)!.error).toBe("refused: private_address");
    expect(r.received).toHaveLength(0);
  });
});
