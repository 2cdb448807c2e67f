import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { ExpectedError } from "@/lib/errors";
import { readReceipt, receiptDocument } from "@/lib/preference-centre/receipts";
import { waitingForYou } from "@/lib/console/waiting-for-you";
import { createDestination } from "@/lib/sync/destinations";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, describeDatabaseError, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { replayDeliveries, retryDelivery, sendTestDelivery } from "./actions";
import { deliveryLog } from "./delivery-log";
import { destinationHealth } from "./health";
import { eventPropagation } from "./propagation";

/**
 * What the Destinations page and the proof of propagation read and do, on both engines, as the
 * personas themselves (RLS): health from deliveries and attempts, the delivery log with masked
 * excerpts, retry, replay and the test event (owners and admins only), and per change where it
 * went, on the timeline (members) and in the receipt (its token only).
 * The engine's work is played by the superuser: it is not what is under test here.
 */

const PUBLIC = { allowPrivate: false };

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ExpectedError) return error.code;
    return describeDatabaseError(error);
  }
  return "ok";
}

describe.each(TEST_TARGETS)("sync console on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  let crm: string;
  let cdp: string;
  let subjectId: string;
  let eventId: string;

  /** The engine's part, done by hand: an attempt, and the delivery's outcome. */
  const engine = async (destinationId: string, outcome: "delivered" | "dead" | "retrying", attempt: { ok: boolean; status?: number; error?: string; response?: string; lagMs?: number }) => {
    const [delivery] = await t.superuser.query<{ id: string; created_at: Date }>(
      "select id, created_at from public.deliveries where destination_id = $1 and subject_id = $2 and replay_of is null",
      [destinationId, subjectId],
    );
    const at = new Date(delivery!.created_at.getTime() + (attempt.lagMs ?? 100));
    await t.superuser.query(
      `insert into public.delivery_attempts (delivery_id, workspace_id, destination_id, attempted_at, status_code, latency_ms, ok, error, response_excerpt)
       values ($1, $2, $3, $4, $5, 40, $6, $7, $8)`,
      [delivery!.id, fx.workspaceA, destinationId, at, attempt.status ?? null, attempt.ok, attempt.error ?? null, attempt.response ?? null],
    );
    await t.superuser.query(
      "update public.deliveries set status = $2, attempts = attempts + 1, delivered_at = $3, last_error = $4, last_status_code = $5 where id = $1",
      [delivery!.id, outcome, outcome === "delivered" ? at : null, attempt.ok ? null : (attempt.error ?? null), attempt.status ?? null],
    );
    return delivery!.id;
  };

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
    [crm, cdp] = await fx.as("owner", async (sql) => [
      (await createDestination(sql, fx.workspaceA, { kind: "webhook", name: "CRM", url: "https://crm.example.com/hook" }, PUBLIC)).destination.id,
      (await createDestination(sql, fx.workspaceA, { kind: "webhook", name: "CDP", url: "https://cdp.example.com/hook" }, PUBLIC)).destination.id,
    ]);
    const recorded = await asService(fx, (sql) =>
      recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: `p-${randomBytes(3).toString("hex")}@example.test` }, decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }] })),
    );
    subjectId = recorded.subjectId;
    eventId = recorded.eventIds[0]!;
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("a change shows where it is pending, then where it was delivered and where it failed; members read it, outsiders do not", async () => {
    const pending = await fx.as("viewer", (sql) => eventPropagation(sql, fx.workspaceA, [eventId]));
    expect(pending.get(eventId)).toMatchObject({ deliveredEverywhere: false, pending: ["CDP", "CRM"], failed: [] });

    await engine(crm, "delivered", { ok: true, status: 200, lagMs: 250 });
    const partly = await fx.as("editor", (sql) => eventPropagation(sql, fx.workspaceA, [eventId]));
    expect(partly.get(eventId)).toMatchObject({ deliveredEverywhere: false, pending: ["CDP"], failed: [] });
    expect(partly.get(eventId)!.destinations.find((d) => d.destinationName === "CRM")).toMatchObject({ status: "delivered", attempts: 1 });

    await engine(cdp, "dead", { ok: false, status: 500, error: "HTTP 500", response: '{"echo":"Authorization: Bearer receiver-token"}' });
    const failed = await fx.as("legal", (sql) => eventPropagation(sql, fx.workspaceA, [eventId]));
    expect(failed.get(eventId)).toMatchObject({ deliveredEverywhere: false, pending: [], failed: ["CDP"] });
    expect(await fx.as("outsider", (sql) => eventPropagation(sql, fx.workspaceA, [eventId]))).toEqual(new Map());
  });

  it.skipIf(skip)("health: success rate, p95 lag, backlog, dead and the last error, computed under RLS", async () => {
    const health = await fx.as("viewer", (sql) => destinationHealth(sql, fx.workspaceA));
    expect(health.get(crm)).toMatchObject({ attempts: 1, successfulAttempts: 1, successRate: 1, backlog: 0, dead: 0, lastError: null });
    // 250 ms after the delivery was made, less the microseconds a JavaScript Date drops.
    expect(health.get(crm)!.p95LagMs).toBeGreaterThan(249);
    expect(health.get(crm)!.p95LagMs).toBeLessThanOrEqual(250);
    expect(health.get(cdp)).toMatchObject({ attempts: 1, successRate: 0, backlog: 0, dead: 1, lastError: "HTTP 500", p95LagMs: null });
    expect((await fx.as("outsider", (sql) => destinationHealth(sql, fx.workspaceA))).size).toBe(0);
  });

  it.skipIf(skip)("the dead-letter alert: owners and admins are told on their overview which destination missed changes", async () => {
    for (const who of ["owner", "admin"] as const) {
      const alerts = (await fx.as(who, (sql) => waitingForYou(sql, fx.workspaceA, who))).filter((item) => item.kind === "dead_deliveries");
      expect(alerts).toEqual([expect.objectContaining({ destinationId: cdp, destination: "CDP", count: 1 })]);
    }
    for (const who of ["editor", "legal", "viewer"] as const) {
      expect((await fx.as(who, (sql) => waitingForYou(sql, fx.workspaceA, who))).map((item) => item.kind)).not.toContain("dead_deliveries");
    }
    expect(await fx.as("outsider", (sql) => waitingForYou(sql, fx.workspaceA, "owner"))).toEqual([]);
  });

  it.skipIf(skip)("the delivery log filters by status and person and masks what a receiver echoed", async () => {
    const dead = await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { status: "dead" }));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ subjectId, status: "dead", attempts: 1 });
    expect(dead[0]!.recent[0]!.responseExcerpt).not.toContain("receiver-token");
    expect(dead[0]!.payloadExcerpt).toContain(eventId);
    expect(await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { status: "delivered" }))).toEqual([]);
    expect(await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { person: fx.workspaceA }))).toEqual([]);
    expect(await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { from: "2099-01-01T00:00" }))).toEqual([]);
    // A viewer reads the log, but not the payload (the outbox is for owners and admins).
    const viewed = await fx.as("viewer", (sql) => deliveryLog(sql, fx.workspaceA, cdp, {}));
    expect(viewed.map((d) => [d.status, d.payloadExcerpt])).toEqual([["dead", null]]);
  });

  it.skipIf(skip)("owners and admins retry a dead delivery (same id), replay a range and send a test event; others may not", async () => {
    const [dead] = await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { status: "dead" }));
    for (const persona of ["viewer", "editor", "legal", "outsider"] as const) {
      expect(await codeOf(fx.as(persona, (sql) => retryDelivery(sql, dead!.id)))).toMatch(/forbidden|not_found/);
      expect(await codeOf(fx.as(persona, (sql) => sendTestDelivery(sql, cdp)))).toMatch(/forbidden|not_found/);
      expect(await codeOf(fx.as(persona, (sql) => replayDeliveries(sql, cdp, { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 60_000) })))).toMatch(/forbidden|not_found/);
    }
    await fx.as("admin", (sql) => retryDelivery(sql, dead!.id));
    const [retried] = await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, cdp, { person: subjectId }));
    expect(retried).toMatchObject({ id: dead!.id, status: "pending" });
    expect(await codeOf(fx.as("owner", (sql) => retryDelivery(sql, dead!.id)))).toBe("delivery_not_retryable");

    const testId = await fx.as("owner", (sql) => sendTestDelivery(sql, crm));
    const replayed = await fx.as("owner", (sql) => replayDeliveries(sql, crm, { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 60_000), subjectId }));
    expect(replayed).toBe(1);
    const log = await fx.as("owner", (sql) => deliveryLog(sql, fx.workspaceA, crm, {}));
    expect(log.map((d) => d.status)).toEqual(["pending", "pending", "delivered"]);
    expect(log.map((d) => d.id)).toContain(testId);
    // New messages, each replaying the first; the change stays "delivered" at CRM on the timeline.
    expect(log.filter((d) => d.replayOf !== null).map((d) => d.replayOf)).toEqual([log[2]!.id, log[2]!.id]);
    const shown = await fx.as("viewer", (sql) => eventPropagation(sql, fx.workspaceA, [eventId]));
    expect(shown.get(eventId)!.destinations.find((d) => d.destinationName === "CRM")!.status).toBe("delivered");
    const actions = await fx.as("owner", (sql) =>
      sql.query<{ action: string }>("select action from public.audit_log where target_id = any ($1) and action not like 'destination.created' order by seq", [[crm, dead!.id]]),
    );
    expect(actions.map((a) => a.action)).toEqual(["delivery.retried", "destination.tested", "destination.replayed"]);
  });

  it.skipIf(skip)("a test event needs a change to send", async () => {
    const empty = await fx.as("owner", (sql) => createDestination(sql, fx.workspaceB, { kind: "webhook", name: "Nothing yet", url: "https://x.example.com/" }, PUBLIC).catch(() => null));
    expect(empty).toBeNull(); // the owner of A is not in B
    const id = await fx.as("outsider", async (sql) => (await createDestination(sql, fx.workspaceB, { kind: "webhook", name: "Nothing yet", url: "https://x.example.com/" }, PUBLIC)).destination.id);
    expect(await codeOf(fx.as("outsider", (sql) => sendTestDelivery(sql, id)))).toBe("destination_nothing_to_send");
  });

  it.skipIf(skip)("the receipt lists where each of its changes went, for the holder of its token only", async () => {
    const token = `rct_${randomBytes(32).toString("hex")}`;
    const [receipt] = await t.superuser.query<{ id: string }>(
      `insert into public.consent_receipts (workspace_id, subject_id, experience_id, experience_version_id, action, event_ids, token_hash)
       values ($1, $2, $3, $4, 'change', $5, $6) returning id`,
      [fx.workspaceA, subjectId, ledger.experienceId, ledger.versionId, [eventId], createHash("sha256").update(token).digest("hex")],
    );
    const read = await fx.asAnon((sql) => readReceipt(sql, receipt!.id, { receiptToken: token }));
    expect(read.propagation.map((p) => [p.destination, p.status])).toEqual([
      ["CDP", "pending"],
      ["CRM", "delivered"],
    ]);
    expect(read.propagation[1]!.deliveredAt).toMatch(/Z$/);
    expect(JSON.stringify(read.propagation)).not.toContain("example.com");
    // The JSON receipt (GET /api/v1/receipts/{id}) carries it as is.
    expect(receiptDocument(read, { locale: "en", withdrawUrl: "https://consentry.test/en/p/x/manage" }).propagation).toEqual(read.propagation);
    expect(await codeOf(fx.asAnon((sql) => sql.query("select public.consent_receipt_propagation($1, $2)", [receipt!.id, `rct_${"0".repeat(64)}`])))).toMatch(/not_found/);
  });
});
