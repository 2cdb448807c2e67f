import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsService } from "@/lib/db/caller";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, describeDatabaseError, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { confirmDoubleOptIn, expireConsents, recordBrowserConsent, recordConsent } from "./record";
import { recordSmsInbound } from "./sms";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "./test-support";

/**
 * The outbox (supabase/migrations/20261124100000_outbox.sql) on both engines: every path that
 * appends to the ledger writes exactly one outbox row per transaction and subject, in the same
 * transaction, carrying the events it appended and no identifier; a failed recording and an
 * idempotent replay write none; committed rows never change.
 */

interface OutboxRow {
  id: number;
  workspace_id: string;
  topic: string;
  subject_id: string;
  event_ids: string[];
  payload: {
    type: string;
    workspaceId: string;
    subjectId: string;
    events: { id: string; purposeId: string; state: string; method: string; seq: number }[];
    preferences: unknown;
  };
}

describe.each(TEST_TARGETS)("outbox on $target", ({ target, skip }) => {
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

  const lastId = async () => (await t.superuser.query<{ id: number }>("select coalesce(max(id), 0)::int as id from public.outbox"))[0]!.id;
  const rowsAfter = (id: number) =>
    t.superuser.query<OutboxRow>(
      "select id::int as id, workspace_id, topic, subject_id, event_ids::text[] as event_ids, payload from public.outbox where id > $1 order by id",
      [id],
    );
  const record = (overrides: Parameters<typeof consentInput>[2] = {}) => asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, overrides)));

  it.skipIf(skip)("a recording writes one row with its events, its preferences and no identifier", async () => {
    const before = await lastId();
    const email = `outbox.${randomBytes(3).toString("hex")}@example.test`;
    const recorded = await record({
      subject: { kind: "email", value: email },
      decisions: [
        { purposeId: ledger.purposes.marketing!, state: "given" },
        { purposeId: ledger.purposes.analytics!, state: "refused" },
        { purposeId: ledger.purposes.advertising!, state: "given" },
      ],
      preferences: { channels: { "*": ["email"] } },
    });
    const rows = await rowsAfter(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ workspace_id: fx.workspaceA, topic: "consent.changed", subject_id: recorded.subjectId, event_ids: recorded.eventIds });
    expect(row!.payload).toMatchObject({ type: "consent.changed", workspaceId: fx.workspaceA, subjectId: recorded.subjectId, preferences: { channels: { "*": ["email"] } } });
    expect(row!.payload.events.map((e) => [e.id, e.purposeId, e.state, e.seq])).toEqual([
      [recorded.eventIds[0], ledger.purposes.marketing, "given", 1],
      [recorded.eventIds[1], ledger.purposes.analytics, "refused", 2],
      [recorded.eventIds[2], ledger.purposes.advertising, "given", 3],
    ]);
    // Neither the address nor its keyed hash, nor the request context.
    const [stored] = await t.superuser.query<{ identifier_hash: string }>("select identifier_hash from public.consent_events where id = $1", [recorded.eventIds[0]]);
    const text = JSON.stringify(row!.payload);
    for (const secret of [email, stored!.identifier_hash, "203.0.113", "Vitest"]) expect(text).not.toContain(secret);
  });

  it.skipIf(skip)("the browser path writes one row; an idempotent replay writes none", async () => {
    const before = await lastId();
    const input = consentInput(fx, ledger, { idempotencyKey: `ob-${randomBytes(4).toString("hex")}` });
    const browser = () => fx.asAnon((sql) => recordBrowserConsent(sql, { publicKey: ledger.publicKey, origin: ledger.origin }, input));
    const first = await browser();
    const replay = await browser();
    expect(replay.replayed).toBe(true);
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.subject_id, r.event_ids])).toEqual([[first.subjectId, first.eventIds]]);
  });

  it.skipIf(skip)("a recording that fails part-way writes no row", async () => {
    await t.superuser.exec(`
      create function public.zz_fail_analytics_outbox() returns trigger language plpgsql as $$
      begin
        if new.purpose_id = '${ledger.purposes.analytics}' then raise exception 'simulated crash'; end if;
        return new;
      end $$;
      create trigger zz_fail_outbox before insert on public.consent_state for each row execute function public.zz_fail_analytics_outbox();`);
    try {
      const before = await lastId();
      await expect(
        record({
          decisions: [
            { purposeId: ledger.purposes.marketing!, state: "given" },
            { purposeId: ledger.purposes.analytics!, state: "given" },
          ],
        }),
      ).rejects.toThrow("simulated crash");
      await expect(record({ decisions: [{ purposeId: "00000000-0000-4000-8000-000000000000", state: "given" }] })).rejects.toThrow();
      expect(await rowsAfter(before)).toEqual([]);
    } finally {
      await t.superuser.exec("drop trigger zz_fail_outbox on public.consent_state; drop function public.zz_fail_analytics_outbox();");
    }
  });

  it.skipIf(skip)("double opt-in confirmation and SMS keyword withdrawal write one row each", async () => {
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = true where id = $1", [ledger.purposes.advertising]));
    try {
      const phone = `+86139${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
      const requested = await record({
        subject: { kind: "phone", value: phone },
        decisions: [
          { purposeId: ledger.purposes.advertising!, state: "given" },
          { purposeId: ledger.purposes.marketing!, state: "given" },
        ],
        preferences: { channels: { [ledger.purposes.marketing!]: ["email", "sms"], [ledger.purposes.advertising!]: ["sms"] } },
      });
      const beforeConfirm = await lastId();
      const confirmed = await fx.asAnon((sql) => confirmDoubleOptIn(sql, requested.confirmationToken!));
      expect(requested.states.map((s) => s.state)).toEqual(["requested", "given"]);
      const confirmedRows = await rowsAfter(beforeConfirm);
      expect(confirmedRows.map((r) => [r.subject_id, r.event_ids])).toEqual([[requested.subjectId, confirmed.eventIds]]);
      expect(confirmedRows[0]!.payload.events.map((e) => [e.purposeId, e.method])).toEqual([[ledger.purposes.advertising, "double_opt_in_confirm"]]);

      const beforeSms = await lastId();
      const withdrawn = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, "TD", new Date()));
      expect(withdrawn.eventIds).toHaveLength(2);
      const smsRows = await rowsAfter(beforeSms);
      expect(smsRows.map((r) => [r.subject_id, r.event_ids])).toEqual([[requested.subjectId, withdrawn.eventIds]]);
      expect(smsRows[0]!.payload.events.map((e) => [e.state, e.method])).toEqual([
        ["withdrawn", "sms_keyword"],
        ["withdrawn", "sms_keyword"],
      ]);
      // A text that is no keyword appends nothing and writes nothing.
      const beforeChat = await lastId();
      await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, "what time do you open?", new Date()));
      expect(await rowsAfter(beforeChat)).toEqual([]);
    } finally {
      await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = false where id = $1", [ledger.purposes.advertising]));
    }
  });

  it.skipIf(skip)("an expiry sweep writes one row per subject it expired", async () => {
    await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = 30 where id = $1", [ledger.purposes.analytics]));
    try {
      const both = [
        { purposeId: ledger.purposes.analytics!, state: "given" as const },
        { purposeId: ledger.purposes.marketing!, state: "given" as const },
      ];
      const first = await record({ subject: { kind: "member_id", value: `exp-a-${randomBytes(3).toString("hex")}` }, decisions: both });
      const second = await record({ subject: { kind: "member_id", value: `exp-b-${randomBytes(3).toString("hex")}` }, decisions: both });
      const before = await lastId();
      const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
      const expired = await asService(fx, (sql) => expireConsents(sql, fx.workspaceA, later));
      const rows = await rowsAfter(before);
      expect(rows.reduce((n, r) => n + r.event_ids.length, 0)).toBe(expired);
      const mine = rows.filter((r) => r.subject_id === first.subjectId || r.subject_id === second.subjectId);
      expect(mine.map((r) => r.subject_id).sort()).toEqual([first.subjectId, second.subjectId].sort());
      for (const row of mine) expect(row.payload.events.map((e) => [e.purposeId, e.state])).toEqual([[ledger.purposes.analytics, "expired"]]);
      expect(new Set(rows.map((r) => r.subject_id)).size).toBe(rows.length);
    } finally {
      await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = null where id = $1", [ledger.purposes.analytics]));
    }
  });

  it.skipIf(skip)("one transaction recording several people writes one row for each", async () => {
    const before = await lastId();
    const [a, b] = await runAsService(fx.db, "consent-api", async (sql) => [
      await recordConsent(sql, consentInput(fx, ledger)),
      await recordConsent(sql, consentInput(fx, ledger)),
    ]);
    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.subject_id, r.event_ids])).toEqual([
      [a!.subjectId, a!.eventIds],
      [b!.subjectId, b!.eventIds],
    ]);
  });

  it.skipIf(skip)("committed rows are never changed or removed, not even by the owner", async () => {
    const recorded = await record();
    const [row] = await t.db.query<{ id: number }>("select id::int as id from public.outbox where subject_id = $1", [recorded.subjectId]);
    for (const statement of [
      "update public.outbox set payload = '{}'::jsonb where id = $1",
      "update public.outbox set event_ids = event_ids || event_ids where id = $1",
      "delete from public.outbox where id = $1",
    ]) {
      const error = await t.db.query(statement, [row!.id]).then(() => null, (e: unknown) => e);
      expect(describeDatabaseError(error)).toContain("append_only");
    }
    const truncate = await t.db.exec("truncate public.outbox").then(() => null, (e: unknown) => e);
    expect(describeDatabaseError(truncate)).toContain("append_only");
  });
});
