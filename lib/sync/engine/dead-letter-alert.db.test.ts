import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { listOutboundMessages } from "@/lib/preference-centre/outbox";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { syncMyProfile } from "@/lib/tenancy/profiles";
import { createDestination } from "@/lib/sync/destinations";
import { startReceiver, type Receiver } from "@/lib/sync/testing/receiver";
import { SyncWorker } from "./worker";

/**
 * The dead-letter alert by message, on both engines: when deliveries to a destination fail for
 * good, each owner and admin (nobody else) gets ONE message per destination and episode, in
 * their console language (else the workspace's), through the outbox the double opt-in
 * confirmations use, linking absolutely to the destination's failed deliveries. Retrying one of
 * several dead deliveries that fails again sends nothing; once every dead delivery was retried
 * and fails again, a new episode sends a new message.
 */
const BASE = "https://consent.example.com";

describe.each(TEST_TARGETS)("dead-letter alerts on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  let receiver: Receiver;
  let worker: SyncWorker;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
    receiver = await startReceiver(() => ({ status: 503 }));
    // One attempt, then dead: the receiver never answers 2xx.
    worker = new SyncWorker(fx.db, { policy: { allowPrivate: true }, retryDelaysMs: [], pollMs: 200, linkBase: () => BASE, onError: (e) => console.error("worker error", e) });
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await t?.close();
  });

  const deliveries = (destinationId: string) =>
    t.superuser.query<{ id: string; status: string }>("select id, status::text from public.deliveries where destination_id = $1 order by outbox_id", [destinationId]);
  const alerts = (destinationId: string) =>
    t.superuser.query<{ recipient_masked: string; locale: string; subject_line: string; body: string; status: string }>(
      "select recipient_masked, locale, subject_line, body, status from public.outbound_messages where destination_id = $1 order by created_at, locale",
      [destinationId],
    );
  const allDead = async (destinationId: string, count: number) => {
    await receiver.until(async () => {
      const rows = await deliveries(destinationId);
      return rows.length === count && rows.every((d) => d.status === "dead");
    });
  };
  const retry = (id: string) => fx.as("admin", (sql) => sql.query("select public.retry_delivery($1)", [id]));

  it.skipIf(skip)("one message per episode to each owner and admin, in their language, linking to the failed deliveries", async () => {
    // The owner signed in to the console in Simplified Chinese; the admin never chose: the workspace's language (en).
    await fx.as("owner", (sql) => syncMyProfile(sql, fx.personas.owner.claims, "zh-CN"));
    const { destination } = await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { kind: "webhook", name: "CRM 客户库", url: receiver.url }, { allowPrivate: true }),
    );
    for (const n of [1, 2, 3]) {
      await asService(fx, (sql) =>
        recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: `dead.${n}.${Date.now()}@example.test` }, decisions: [{ purposeId: ledger.purposes.marketing!, state: "withdrawn" }] })),
      );
    }
    await worker.start();
    await allDead(destination.id, 3);

    // Three deliveries died; each owner and admin got one message, nobody else any.
    const first = await alerts(destination.id);
    expect(first.map((m) => [m.recipient_masked, m.locale])).toEqual([
      [`a***@${fx.personas.admin.email.split("@")[1]}`, "en"],
      [`o***@${fx.personas.owner.email.split("@")[1]}`, "zh-CN"],
    ]);
    const link = (locale: string) => `${BASE}/${locale}/w/${fx.workspaceA}/destinations/${destination.id}?status=dead`;
    const [english, chinese] = first;
    expect(english!.subject_line).toBe('Consentry: deliveries to "CRM 客户库" failed for good');
    expect(english!.body.split("\n")).toContain(link("en"));
    expect(chinese!.subject_line).toBe("Consentry：发往「CRM 客户库」的同步已彻底失败");
    expect(chinese!.body.split("\n")).toContain(link("zh-CN"));
    // No SMTP in tests: the messages wait in the console's Outbox, which owners and admins read.
    expect(first.every((m) => m.status === "queued")).toBe(true);
    const outbox = await fx.as("admin", (sql) => listOutboundMessages(sql, fx.workspaceA));
    expect(outbox.filter((m) => m.subjectLine.includes("CRM 客户库"))).toHaveLength(2);

    // Retrying one of the three, which fails again: the episode goes on, no new message.
    const [one, two, three] = await deliveries(destination.id);
    await retry(one!.id);
    await receiver.until(async () => receiver.received.length === 4);
    await allDead(destination.id, 3);
    expect(await alerts(destination.id)).toHaveLength(2);

    // Every dead delivery retried (at once: none is dead any more) and failing again: a new
    // episode, one new message each.
    await fx.as("admin", async (sql) => {
      for (const d of [one, two, three]) await sql.query("select public.retry_delivery($1)", [d!.id]);
    });
    await receiver.until(async () => receiver.received.length === 7);
    await allDead(destination.id, 3);
    const second = await alerts(destination.id);
    expect(second).toHaveLength(4);
    expect(second.slice(2).map((m) => m.locale)).toEqual(["en", "zh-CN"]);
  });
});
