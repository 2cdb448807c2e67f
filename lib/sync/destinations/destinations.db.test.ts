import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import { recordSmsInbound } from "@/lib/consent/sms";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, describeDatabaseError, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { openSecrets } from "./secrets";
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  rotateDestinationSecret,
  setDestinationPaused,
  updateDestination,
} from "./index";

/**
 * Destinations (supabase/migrations/20261207130000_sync_destinations.sql, lib/sync/destinations)
 * on both engines: owners and admins manage them as themselves, secrets are sealed and never
 * audited, the withdrawal rule holds in zod and in SQL, and a recording fans out at commit to
 * the destinations whose filters let its events through.
 */
const PUBLIC = { allowPrivate: false };
const webhook = (name = "CRM") => ({ kind: "webhook" as const, name, url: "https://crm.example.com/hooks/consent" });

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ExpectedError) return `${error.code}${error.details ? `:${JSON.stringify(error.details)}` : ""}`;
    return describeDatabaseError(error);
  }
  return "ok";
}

describe.each(TEST_TARGETS)("destinations on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("an owner creates a webhook: the secret is answered once, sealed at rest, and never in the audit log", async () => {
    const created = await fx.as("owner", (sql) =>
      createDestination(sql, fx.workspaceA, { ...webhook(), headers: { Authorization: "Bearer receiver-token" } }, PUBLIC),
    );
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.destination).toMatchObject({ name: "CRM", kind: "webhook", url: "https://crm.example.com/hooks/consent", headerNames: ["Authorization"], paused: false });
    expect(created.destination.signingPublicKey).toMatch(/^whpk_/);
    const [stored] = await t.superuser.query<{ secrets: Uint8Array }>("select secrets from public.destinations where id = $1", [created.destination.id]);
    const raw = Buffer.from(stored!.secrets).toString("latin1");
    expect(raw).not.toContain("receiver-token");
    expect(raw).not.toContain(created.signingSecret!.slice(6, 20));
    const opened = await fx.as("owner", (sql) => openSecrets(sql, fx.workspaceA, created.destination.id, stored!.secrets));
    expect(opened).toMatchObject({ signingSecret: created.signingSecret, headers: { Authorization: "Bearer receiver-token" } });
    // Bound to its row: the same blob does not open as another destination's.
    expect(await codeOf(fx.as("owner", (sql) => openSecrets(sql, fx.workspaceA, fx.workspaceA, stored!.secrets)))).toMatch(/authenticate/);
    const audit = await fx.as("owner", (sql) =>
      sql.query<{ action: string; after: Record<string, unknown> }>("select action, after from public.audit_log where target_id = $1", [created.destination.id]),
    );
    expect(audit.map((a) => a.action)).toEqual(["destination.created"]);
    expect(audit[0]!.after).not.toHaveProperty("secrets");
    expect(JSON.stringify(audit)).not.toContain("receiver-token");
  });

  it.skipIf(skip)("members read destinations without their secrets; only owners and admins manage them", async () => {
    const { destination } = await fx.as("admin", (sql) => createDestination(sql, fx.workspaceA, webhook("Admin's"), PUBLIC));
    for (const persona of ["viewer", "editor", "legal"] as const) {
      const listed = await fx.as(persona, (sql) => listDestinations(sql, fx.workspaceA));
      expect(listed.map((d) => d.id)).toContain(destination.id);
      expect(await codeOf(fx.as(persona, (sql) => createDestination(sql, fx.workspaceA, webhook(), PUBLIC)))).toBe("forbidden");
      expect(await codeOf(fx.as(persona, (sql) => updateDestination(sql, fx.workspaceA, destination.id, { name: "Mine" }, PUBLIC)))).toBe("not_found");
      expect(await codeOf(fx.as(persona, (sql) => sql.query("select secrets from public.destinations where id = $1", [destination.id])))).toBe("no privilege");
      expect(await codeOf(fx.as(persona, (sql) => sql.query("select public.destination_secrets($1)", [destination.id])))).toBe("raises consentry.forbidden");
    }
    expect(await fx.as("outsider", (sql) => listDestinations(sql, fx.workspaceA))).toEqual([]);
    const renamed = await fx.as("owner", (sql) => updateDestination(sql, fx.workspaceA, destination.id, { name: "Renamed", identifierPolicy: { email: "sha256" } }, PUBLIC));
    expect(renamed).toMatchObject({ name: "Renamed", identifierPolicy: { email: "sha256" } });
    const paused = await fx.as("admin", (sql) => setDestinationPaused(sql, fx.workspaceA, destination.id, true));
    expect(paused.paused).toBe(true);
    await fx.as("admin", (sql) => deleteDestination(sql, fx.workspaceA, destination.id));
    expect(await codeOf(fx.as("owner", (sql) => getDestination(sql, fx.workspaceA, destination.id)))).toBe("not_found");
    const actions = await fx.as("owner", (sql) => sql.query<{ action: string }>("select action from public.audit_log where target_id = $1 order by seq", [destination.id]));
    expect(actions.map((a) => a.action)).toEqual(["destination.created", "destination.updated", "destination.updated", "destination.updated"]);
  });

  it.skipIf(skip)("a filter that lets grants through without their withdrawals, refusals and expiries is refused, in zod and in SQL", async () => {
    expect(await codeOf(fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, { ...webhook(), filters: { states: ["given", "withdrawn"] } }, PUBLIC)))).toBe(
      'destination_drops_withdrawals:"refused,expired"',
    );
    const { destination } = await fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, { ...webhook(), filters: { states: ["withdrawn"] } }, PUBLIC));
    // Past the form, straight at the table: the database says the same.
    expect(
      await codeOf(fx.as("owner", (sql) => sql.query(`update public.destinations set filters = '{"states": ["given", "refused"]}' where id = $1`, [destination.id]))),
    ).toMatch(/destination_drops_withdrawals/);
    const refused = await fx.as("owner", (sql) =>
      sql.query(`update public.destinations set filters = '{"states": ["given", "refused"]}' where id = $1`, [destination.id]).catch((e: { detail?: string }) => e.detail),
    );
    expect(refused).toBe("expired,withdrawn");
  });

  it.skipIf(skip)("only https to public addresses, unless private destinations are allowed, and then only loopback", async () => {
    const attemptUrl = (url: string, allowPrivate = false) =>
      codeOf(fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, { ...webhook(), url }, { allowPrivate })));
    expect(await attemptUrl("http://crm.example.com/")).toBe('destination_unsafe_url:"not_https"');
    expect(await attemptUrl("https://10.1.2.3/hook")).toBe('destination_unsafe_url:"private_address"');
    expect(await attemptUrl("https://169.254.169.254/latest")).toBe('destination_unsafe_url:"private_address"');
    expect(await attemptUrl("https://[::ffff:127.0.0.1]/")).toBe('destination_unsafe_url:"private_address"');
    expect(await attemptUrl("https://localhost:8443/")).toBe('destination_unsafe_url:"private_address"');
    expect(await attemptUrl("https://localhost.:8443/")).toBe('destination_unsafe_url:"private_address"');
    expect(await attemptUrl("https://user:pw@crm.example.com/")).toBe('destination_unsafe_url:"credentials_in_url"');
    expect(await attemptUrl("http://127.0.0.1:9000/hook", true)).toBe("ok");
    expect(await attemptUrl("http://10.0.0.5/hook", true)).toBe('destination_unsafe_url:"not_https"');
  });

  it.skipIf(skip)("rotation answers a new secret once and keeps the old one signing for 24 hours", async () => {
    const created = await fx.as("owner", (sql) => createDestination(sql, fx.workspaceA, webhook("Rotating"), PUBLIC));
    const now = new Date("2026-12-07T12:00:00Z");
    const rotated = await fx.as("admin", (sql) => rotateDestinationSecret(sql, fx.workspaceA, created.destination.id, now));
    expect(rotated.signingSecret).not.toBe(created.signingSecret);
    expect(rotated.destination.previousSecretExpiresAt?.toISOString()).toBe("2026-12-08T12:00:00.000Z");
    const [stored] = await t.superuser.query<{ secrets: Uint8Array }>("select secrets from public.destinations where id = $1", [created.destination.id]);
    const opened = await fx.as("owner", (sql) => openSecrets(sql, fx.workspaceA, created.destination.id, stored!.secrets));
    expect(opened.signingSecret).toBe(rotated.signingSecret);
    expect(opened.previousSigningSecret).toEqual({ secret: created.signingSecret, expiresAt: "2026-12-08T12:00:00.000Z" });
  });

  it.skipIf(skip)("a commit fans out to matching destinations; a withdrawal passes channel and region filters", async () => {
    const make = (sql: Sql, name: string, filters: object) =>
      createDestination(sql, fx.workspaceA, { ...webhook(name), filters }, PUBLIC).then((d) => d.destination.id);
    const [webOnly, analyticsOnly, all] = await fx.as("owner", async (sql) => [
      await make(sql, "Web marketing", { channels: ["web"], purposes: ["marketing"] }),
      await make(sql, "Analytics", { purposes: ["analytics"] }),
      await make(sql, "All", {}),
    ]);
    const phone = "+8613800138000";
    const given = await asService(fx, (sql) =>
      recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "phone", value: phone }, decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }] })),
    );
    const withdrawn = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, "TD", new Date()));
    const deliveries = await t.superuser.query<{ destination_id: string; status: string; seq: number; event_ids: string[] }>(
      `select destination_id, status, seq::int as seq, event_ids::text[] as event_ids from public.deliveries
       where subject_id = $1 and destination_id = any ($2) order by outbox_id, destination_id`,
      [given.subjectId, [webOnly, analyticsOnly, all]],
    );
    const to = (id: string) => deliveries.filter((d) => d.destination_id === id);
    expect(to(analyticsOnly)).toEqual([]);
    // The withdrawal came by SMS, not the web: it still reaches the web-only destination, which
    // gets the marketing withdrawal only (its purpose filter), while "All" gets every event.
    expect(to(webOnly).map((d) => d.event_ids)).toEqual([given.eventIds, [withdrawn.eventIds.find((id) => to(all)[1]!.event_ids.includes(id))]]);
    expect(to(webOnly)[1]!.event_ids).toHaveLength(1);
    expect(to(all).map((d) => d.event_ids)).toEqual([given.eventIds, withdrawn.eventIds]);
    expect(to(all).map((d) => d.seq)).toEqual([1, 1 + withdrawn.eventIds.length]);
    expect(deliveries.every((d) => d.status === "pending")).toBe(true);
  });
});
