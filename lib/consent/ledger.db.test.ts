import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, describeDatabaseError, OUTCOME, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { appendContact } from "./contacts";
import { decideOne } from "./decisions";
import { confirmDoubleOptIn, expireConsents, recordBrowserConsent, recordConsent } from "./record";
import { recordSmsInbound } from "./sms";
import { findSubject, linkSubjects, subjectHistory } from "./subjects";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "./test-support";
import { verifyConsentLedger, verifySubjectChain } from "./verify";

/**
 * The ledger on both engines: recording through the service and browser paths, atomicity,
 * idempotency, validation against the published version, identifiers as keyed hashes, linking,
 * double opt-in, SMS keywords, expiry, immutability and the per-subject hash chain.
 */

async function rejection(promise: Promise<unknown>): Promise<ExpectedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpectedError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe.each(TEST_TARGETS)("consent ledger on $target", ({ target, skip }) => {
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

  const record = (overrides: Parameters<typeof consentInput>[2] = {}) => asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, overrides)));
  const counts = async () => {
    const [row] = await t.superuser.query<{ events: number; states: number; prefs: number; subjects: number; keys: number }>(
      `select (select count(*)::int from public.consent_events) as events, (select count(*)::int from public.consent_state) as states,
              (select count(*)::int from public.preferences) as prefs, (select count(*)::int from public.subjects) as subjects,
              (select count(*)::int from public.idempotency_keys) as keys`,
    );
    return row!;
  };

  it.skipIf(skip)("HMAC-SHA256 in SQL matches Node's crypto.createHmac", async () => {
    const cases: [Buffer, Buffer][] = [
      [Buffer.alloc(0), Buffer.alloc(0)],
      [Buffer.from("key"), Buffer.from("The quick brown fox jumps over the lazy dog")],
      [randomBytes(32), Buffer.from("email:alice@example.test")],
      [randomBytes(64), randomBytes(200)],
      [randomBytes(100), Buffer.from("退订 ｓｔｏｐ", "utf8")], // a key longer than the block is hashed first
    ];
    for (const [key, message] of cases) {
      const [row] = await t.superuser.query<{ mac: string }>("select encode(private.hmac_sha256($1, $2), 'hex') as mac", [key, message]);
      expect(row!.mac).toBe(createHmac("sha256", key).update(message).digest("hex"));
    }
  });

  it.skipIf(skip)("identifiers are normalised, then hashed with the workspace secret; equal forms find one subject", async () => {
    const { subjectId } = await record({ subject: { kind: "email", value: "  Alice.Wong@Example.COM " } });
    const [secret] = await t.superuser.query<{ secret: Buffer }>("select secret from private.workspace_secrets where workspace_id = $1", [fx.workspaceA]);
    const expected = createHmac("sha256", secret!.secret).update("email:alice.wong@example.com").digest("hex");
    const [identifier] = await t.superuser.query<{ identifier_hash: string }>(
      "select identifier_hash from public.subject_identifiers where subject_id = $1",
      [subjectId],
    );
    expect(identifier!.identifier_hash).toBe(expected);
    expect(await asService(fx, (sql) => findSubject(sql, fx.workspaceA, { kind: "email", value: "alice.wong@example.com" }))).toBe(subjectId);

    const phones = ["+86 138-0013-8000", "008613800138000", "13800138000", "＋８６　１３８００１３８０００"];
    const ids = new Set<string>();
    for (const value of phones) ids.add((await record({ subject: { kind: "phone", value } })).subjectId);
    expect(ids.size).toBe(1);
    // Another workspace hashes the same address with its own secret.
    const other = await asService(fx, (sql) => findSubject(sql, fx.workspaceB, { kind: "email", value: "alice.wong@example.com" }));
    expect(other).toBeNull();
    const invalid = await rejection(record({ subject: { kind: "phone", value: "12" } }));
    expect(invalid.code).toBe("invalid_identifier");
  });

  it.skipIf(skip)("no table holds a plain identifier", async () => {
    const email = `plain.${randomBytes(3).toString("hex")}@example.test`;
    const phone = "+8613912345678";
    await record({ subject: { kind: "email", value: email } });
    await record({ subject: { kind: "phone", value: phone }, idempotencyKey: `plain-${randomBytes(3).toString("hex")}` });
    const tables = await t.superuser.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname in ('public', 'private')`,
    );
    const leaks: string[] = [];
    for (const { name } of tables) {
      const rows = await t.superuser.query<{ n: number }>(
        `select count(*)::int as n from ${name} t where t::text ilike $1 or t::text like $2 or t::text like $3`,
        [`%${email}%`, "%13912345678%", "%plain.%"],
      );
      if (rows[0]!.n > 0) leaks.push(name);
    }
    expect(leaks).toEqual([]);
    // The scan does find what is there.
    const [control] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.profiles t where t::text like $1", [
      `%${fx.personas.owner.email}%`,
    ]);
    expect(control!.n).toBe(1);
  });

  it.skipIf(skip)("a recording writes the events, the state and the preferences with every proof field", async () => {
    const result = await record({
      decisions: [
        { purposeId: ledger.purposes.marketing!, state: "given" },
        { purposeId: ledger.purposes.analytics!, state: "refused" },
      ],
      preferences: {
        channels: { [ledger.purposes.marketing!]: ["email"] },
        topics: [ledger.topics.offers!],
        frequencyCap: { max: 3, period: "week" },
        quietHours: { start: "22:00", end: "08:00", timeZone: "Asia/Shanghai" },
      },
      withdrawUrl: "https://shop.example/prefs",
    });
    expect(result.states).toEqual([
      { purposeId: ledger.purposes.marketing, state: "given" },
      { purposeId: ledger.purposes.analytics, state: "refused" },
    ]);
    const events = await fx.as("viewer", (sql) =>
      sql.query<Record<string, unknown>>("select * from public.consent_events where subject_id = $1 order by seq", [result.subjectId]),
    );
    expect(events.map((e) => e.id)).toEqual(result.eventIds);
    expect(events[0]).toMatchObject({
      seq: 1,
      schema_version: 1,
      identifier_kind: "email",
      expressed_by: "subject",
      controller: { legal_entity_name: expect.stringContaining("Ltd."), contact_address: "1 Example Street, Example City" },
      purpose: { key: "marketing", legal_basis: "consent", sensitive: false },
      separately_given: true,
      experience_version_id: ledger.versionId,
      language: "zh-CN",
      region_code: "CN",
      region_resolution: { method: "explicit" },
      consent_type: "explicit",
      method: "save",
      channel: "web",
      state: "given",
      withdraw_url: "https://shop.example/prefs",
      context: { ip_truncated: "203.0.113.0", user_agent: "Vitest", page_url: "https://shop.example/prefs" },
      prev_hash: "0".repeat(64),
    });
    expect(events[1]).toMatchObject({ seq: 2, prev_hash: events[0]!.hash, state: "refused" });
    const states = await fx.as("viewer", (sql) =>
      sql.query("select purpose_id, state, last_event_id from public.consent_state where subject_id = $1 order by last_event_id = $2 desc", [
        result.subjectId,
        result.eventIds[0],
      ]),
    );
    expect(states).toEqual([
      { purpose_id: ledger.purposes.marketing, state: "given", last_event_id: result.eventIds[0] },
      { purpose_id: ledger.purposes.analytics, state: "refused", last_event_id: result.eventIds[1] },
    ]);
    const [prefs] = await fx.as("viewer", (sql) =>
      sql.query(
        `select channels, topics, frequency_cap_max, frequency_cap_period, to_char(quiet_hours_start, 'HH24:MI') as qs,
           to_char(quiet_hours_end, 'HH24:MI') as qe, quiet_hours_time_zone, last_event_id from public.preferences where subject_id = $1`,
        [result.subjectId],
      ),
    );
    expect(prefs).toEqual({
      channels: { [ledger.purposes.marketing!]: ["email"] },
      topics: [ledger.topics.offers],
      frequency_cap_max: 3,
      frequency_cap_period: "week",
      qs: "22:00",
      qe: "08:00",
      quiet_hours_time_zone: "Asia/Shanghai",
      last_event_id: result.eventIds[1],
    });
    // Giving again renews; the chain continues.
    const again = await record({ subject: { kind: "email", value: "ignored@example.test" }, decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }] });
    expect(again.states[0]!.state).toBe("given");
    expect(await asService(fx, (sql) => verifySubjectChain(sql, result.subjectId))).toEqual({
      valid: true,
      checkedRows: 2,
      firstInvalidSeq: null,
      firstInvalidId: null,
      reason: null,
    });
  });

  it.skipIf(skip)("a failure part-way through a recording leaves nothing behind", async () => {
    // Something fails after the first event, its state and the subject were written.
    await t.superuser.exec(`
      create function public.zz_fail_analytics() returns trigger language plpgsql as $$
      begin
        if new.purpose_id = '${ledger.purposes.analytics}' then raise exception 'simulated crash'; end if;
        return new;
      end $$;
      create trigger zz_fail before insert on public.consent_state for each row execute function public.zz_fail_analytics();`);
    try {
      const before = await counts();
      const email = `atomic.${randomBytes(3).toString("hex")}@example.test`;
      await expect(
        record({
          subject: { kind: "email", value: email },
          decisions: [
            { purposeId: ledger.purposes.marketing!, state: "given" },
            { purposeId: ledger.purposes.analytics!, state: "given" },
          ],
          preferences: { channels: { "*": ["email"] } },
          idempotencyKey: `atomic-${email}`,
        }),
      ).rejects.toThrow("simulated crash");
      expect(await counts()).toEqual(before);
      expect(await asService(fx, (sql) => findSubject(sql, fx.workspaceA, { kind: "email", value: email }))).toBeNull();
    } finally {
      await t.superuser.exec("drop trigger zz_fail on public.consent_state; drop function public.zz_fail_analytics();");
    }
  });

  it.skipIf(skip)("the same idempotency key and body replay the first result; another body is refused", async () => {
    const key = `idem-${randomBytes(4).toString("hex")}`;
    const input = consentInput(fx, ledger, { idempotencyKey: key, subject: { kind: "member_id", value: `m-${key}` } });
    const first = await asService(fx, (sql) => recordConsent(sql, input));
    const before = await counts();
    const second = await asService(fx, (sql) => recordConsent(sql, input));
    expect(second).toEqual({ ...first, replayed: true });
    expect(first.replayed).toBe(false);
    expect(await counts()).toEqual(before);
    const mismatch = await rejection(
      asService(fx, (sql) => recordConsent(sql, { ...input, decisions: [{ purposeId: ledger.purposes.marketing!, state: "refused" }] })),
    );
    expect(mismatch.code).toBe("idempotency_mismatch");
    expect(await counts()).toEqual(before);
  });

  it.skipIf(skip)("two identical recordings racing with one key write one set of events", async () => {
    const key = `race-${randomBytes(4).toString("hex")}`;
    const input = consentInput(fx, ledger, {
      idempotencyKey: key,
      subject: { kind: "device_id", value: `device-${key}` },
      decisions: [
        { purposeId: ledger.purposes.marketing!, state: "given" },
        { purposeId: ledger.purposes.analytics!, state: "given" },
      ],
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => asService(fx, (sql) => recordConsent(sql, input))));
    const done = outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof recordConsent>>>).value);
    const refused = outcomes.filter((o) => o.status === "rejected").map((o) => ((o as PromiseRejectedResult).reason as ExpectedError).code);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refused)).toEqual(new Set(refused.length ? ["idempotency_in_flight"] : []));
    expect(new Set(done.map((d) => d.eventIds.join(",")))).toEqual(new Set([done[0]!.eventIds.join(",")]));
    const [row] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.consent_events where context ->> 'idempotency_key' = $1", [key]);
    expect(row!.n).toBe(2);
  });

  // PGlite has one connection: a second transaction cannot start while the first is open.
  it.skipIf(skip || target === "pglite")("a request arriving while the first with its key is in flight is refused at once (409), never doubled", async () => {
    const key = `flight-${randomBytes(4).toString("hex")}`;
    const input = consentInput(fx, ledger, { idempotencyKey: key, subject: { kind: "device_id", value: `device-${key}` } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstRecorded!: () => void;
    const recorded = new Promise<void>((resolve) => (firstRecorded = resolve));
    const first = asService(fx, async (sql) => {
      const result = await recordConsent(sql, input);
      firstRecorded();
      await gate; // the transaction stays open
      return result;
    });
    await recorded;
    // Awaited while the first transaction is still open: waiting on its lock instead of refusing
    // at once would never settle, and the test would fail on its timeout.
    const outcome = await asService(fx, (sql) => recordConsent(sql, input)).then(
      () => "recorded",
      (error: ExpectedError) => error.code,
    );
    release();
    await first;
    expect(outcome).toBe("idempotency_in_flight");
    const [row] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.consent_events where context ->> 'idempotency_key' = $1", [key]);
    expect(row!.n).toBe(1);
    expect(await asService(fx, (sql) => recordConsent(sql, input))).toMatchObject({ replayed: true });
  });

  it.skipIf(skip)("an unknown purpose, channel, topic or version is refused with its value named, and nothing is stored", async () => {
    const before = await counts();
    const stranger = "00000000-0000-4000-8000-000000000999";
    const cases: [Parameters<typeof consentInput>[2], string, string][] = [
      [{ decisions: [{ purposeId: stranger, state: "given" }] }, "unknown_purpose", stranger],
      // In the catalog, but not offered by this version.
      [{ decisions: [{ purposeId: ledger.purposes.sensitive_data!, state: "given" }] }, "unknown_purpose", ledger.purposes.sensitive_data!],
      [{ preferences: { channels: { "*": ["email", "wechat"] } } }, "unknown_channel", "wechat"],
      [{ preferences: { topics: [ledger.topics.events!] } }, "unknown_topic", ledger.topics.events!],
      [{ experienceVersionId: stranger }, "unknown_experience_version", stranger],
    ];
    for (const [overrides, code, detail] of cases) {
      const error = await rejection(record(overrides));
      expect([error.code, error.details]).toEqual([code, detail]);
    }
    // An import without a version is checked against the catalog instead.
    const imported = await record({
      experienceVersionId: null,
      method: "api_import",
      channel: "import",
      decisions: [{ purposeId: ledger.purposes.sensitive_data!, state: "given" }],
      occurredAt: new Date(Date.now() - 400 * 24 * 3600 * 1000),
    });
    expect(imported.states[0]!.state).toBe("given");
    const late = await rejection(record({ occurredAt: new Date(Date.now() - 3 * 24 * 3600 * 1000) }));
    expect(late.code).toBe("invalid_event_time");
    const after = await counts();
    expect(after.events).toBe(before.events + 1);
  });

  it.skipIf(skip)("anon records only through the public key from an allowed origin, and reads nothing", async () => {
    const input = consentInput(fx, ledger, { experienceVersionId: null });
    const recorded = await fx.asAnon((sql) => recordBrowserConsent(sql, { publicKey: ledger.publicKey, origin: ledger.origin }, input));
    expect(recorded.eventIds).toHaveLength(1);
    const [event] = await t.superuser.query("select experience_version_id, workspace_id from public.consent_events where id = $1", [recorded.eventIds[0]]);
    expect(event).toEqual({ experience_version_id: ledger.versionId, workspace_id: fx.workspaceA });

    const wrongOrigin = await rejection(fx.asAnon((sql) => recordBrowserConsent(sql, { publicKey: ledger.publicKey, origin: "https://evil.example" }, input)));
    expect([wrongOrigin.code, wrongOrigin.details]).toEqual(["origin_not_allowed", "https://evil.example"]);
    const wrongKey = await rejection(fx.asAnon((sql) => recordBrowserConsent(sql, { publicKey: "pk_" + "0".repeat(32), origin: ledger.origin }, input)));
    expect(wrongKey.code).toBe("forbidden");
    const importing = await rejection(
      fx.asAnon((sql) => recordBrowserConsent(sql, { publicKey: ledger.publicKey, origin: ledger.origin }, { ...input, method: "api_import" })),
    );
    expect(importing.code).toBe("invalid_input");

    for (const table of ["subjects", "subject_identifiers", "consent_events", "consent_state", "preferences", "contact_log", "api_keys", "idempotency_keys"]) {
      expect(await attempt(fx, "anon", `select 1 from public.${table} limit 1`)).toBe(OUTCOME.noPrivilege);
    }
    const payload = JSON.stringify({ ...input, occurredAt: undefined });
    for (const call of [
      ["select public.record_consent($1::jsonb)", [payload]],
      ["select public.find_subject($1, 'email', 'a@example.test')", [fx.workspaceA]],
      ["select * from public.decision_inputs($1, '[]'::jsonb)", [fx.workspaceA]],
      ["select * from public.verify_consent_ledger($1)", [fx.workspaceA]],
      ["select public.record_sms_inbound($1, '+8613800138000', 'TD', now())", [fx.workspaceA]],
      ["select public.link_subjects($1, 'device_id', 'd', 'email', 'a@example.test')", [fx.workspaceA]],
      ["select private.identifier_hash($1, 'email', 'a@example.test')", [fx.workspaceA]],
    ] as const) {
      expect(await attempt(fx, "anon", call[0], [...call[1]])).toBe(OUTCOME.noPrivilege);
    }
    // Members: no direct writes, and the service-only entry points stay closed.
    expect(await attempt(fx, "owner", "select public.record_consent($1::jsonb)", [payload])).toBe(OUTCOME.noPrivilege);
    expect(await attempt(fx, "outsider", "select public.find_subject($1, 'email', 'a@example.test')", [fx.workspaceA])).toBe("raises consentry.forbidden");
  });

  it.skipIf(skip)("UPDATE, DELETE and TRUNCATE of consent_events are refused for every role, the owner included", async () => {
    const { eventIds } = await record();
    const done = new Error("done");
    const asRole = async (role: string, statement: string) => {
      try {
        await t.db.transaction(async (tx: Sql) => {
          if (role !== "owner") await tx.exec(`set local role ${role}`);
          if (role === "authenticated") await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(fx.personas.owner.claims)]);
          await tx.query(statement, statement.includes("$1") ? [eventIds[0]] : []);
          throw done;
        });
      } catch (error) {
        return error === done ? "done" : describeDatabaseError(error);
      }
      return "unreachable";
    };
    const observed: string[] = [];
    for (const role of ["anon", "authenticated", "service_role", "owner"]) {
      for (const statement of [
        "update public.consent_events set state = 'given' where id = $1",
        "delete from public.consent_events where id = $1",
        "truncate public.consent_events cascade",
      ]) {
        observed.push(`${role}: ${statement.split(" ")[0]} → ${await asRole(role, statement)}`);
      }
    }
    expect(observed).toEqual([
      "anon: update → no privilege",
      "anon: delete → no privilege",
      "anon: truncate → no privilege",
      "authenticated: update → no privilege",
      "authenticated: delete → no privilege",
      "authenticated: truncate → no privilege",
      "service_role: update → no privilege",
      "service_role: delete → no privilege",
      "service_role: truncate → no privilege",
      "owner: update → raises consentry.append_only",
      "owner: delete → raises consentry.append_only",
      "owner: truncate → raises consentry.append_only",
    ]);
  });

  it.skipIf(skip)("a row altered by a superuser is reported by the verifiers at exactly that row", async () => {
    const subject = { kind: "member_id" as const, value: `tamper-${randomBytes(3).toString("hex")}` };
    for (let i = 0; i < 3; i++) await record({ subject, decisions: [{ purposeId: ledger.purposes.analytics!, state: i % 2 ? "refused" : "given" }] });
    const subjectId = (await asService(fx, (sql) => findSubject(sql, fx.workspaceA, subject)))!;
    expect(await fx.as("viewer", (sql) => verifyConsentLedger(sql, fx.workspaceA))).toMatchObject({ valid: true, reason: null });
    const [second] = await t.superuser.query<{ id: string }>("select id from public.consent_events where subject_id = $1 and seq = 2", [subjectId]);
    await t.superuser.transaction(async (tx) => {
      await tx.exec("set local session_replication_role = replica");
      await tx.query("update public.consent_events set state = 'given' where id = $1", [second!.id]);
    });
    const expected = { valid: false, checkedRows: 1, firstInvalidSeq: 2, firstInvalidId: second!.id, reason: "hash_mismatch" };
    expect(await asService(fx, (sql) => verifySubjectChain(sql, subjectId))).toEqual(expected);
    expect(await fx.as("viewer", (sql) => verifyConsentLedger(sql, fx.workspaceA))).toMatchObject({
      valid: false,
      firstInvalidSubjectId: subjectId,
      firstInvalidSeq: 2,
      firstInvalidId: second!.id,
      reason: "hash_mismatch",
    });
    // Removing the last row is found as well.
    await t.superuser.transaction(async (tx) => {
      await tx.exec("set local session_replication_role = replica");
      await tx.query("update public.consent_events set state = 'refused' where id = $1", [second!.id]);
      await tx.query("delete from public.consent_events where subject_id = $1 and seq = 3", [subjectId]);
    });
    expect(await asService(fx, (sql) => verifySubjectChain(sql, subjectId))).toMatchObject({ valid: false, firstInvalidSeq: 3, reason: "truncated" });
    expect(await attempt(fx, "outsider", "select * from public.verify_subject_chain($1)", [subjectId])).toBe("raises consentry.forbidden");
  });

  it.skipIf(skip)("linking a device id to an email joins the histories; two known people are never merged", async () => {
    const device = { kind: "device_id" as const, value: `dev-${randomBytes(4).toString("hex")}` };
    const email = { kind: "email" as const, value: `linked.${randomBytes(3).toString("hex")}@example.test` };
    const onDevice = await record({ subject: device, decisions: [{ purposeId: ledger.purposes.analytics!, state: "given" }] });
    const byEmail = await record({ subject: email, channel: "app", decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }] });
    const linked = await asService(fx, (sql) => linkSubjects(sql, fx.workspaceA, device, email));
    expect(linked.subjectId).toBe(byEmail.subjectId);
    expect(await asService(fx, (sql) => findSubject(sql, fx.workspaceA, device))).toBe(byEmail.subjectId);
    const history = await fx.as("viewer", (sql) => subjectHistory(sql, fx.workspaceA, email));
    expect(history.map((e) => e.id).sort()).toEqual([...onDevice.eventIds, ...byEmail.eventIds].sort());
    expect(await fx.as("viewer", (sql) => subjectHistory(sql, fx.workspaceA, device))).toHaveLength(2);
    // The device's consent now answers for the person.
    expect(await asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: email, purposeKey: "analytics", channel: "email" }))).toMatchObject({
      allow: true,
      evidence: [onDevice.eventIds[0]],
    });
    // Ledger rows were not rewritten: the device's event still belongs to its own (merged) subject.
    const [original] = await t.superuser.query<{ subject_id: string }>("select subject_id from public.consent_events where id = $1", [onDevice.eventIds[0]]);
    expect(original!.subject_id).toBe(onDevice.subjectId);
    const [audit] = await t.superuser.query("select after from public.audit_log where action = 'subject.linked' and target_id = $1", [byEmail.subjectId]);
    expect(audit).toMatchObject({ after: { merged: true, from_kind: "device_id", to_kind: "email" } });

    const other = { kind: "email" as const, value: `other.${randomBytes(3).toString("hex")}@example.test` };
    await record({ subject: other });
    const conflict = await rejection(asService(fx, (sql) => linkSubjects(sql, fx.workspaceA, email, other)));
    expect(conflict.code).toBe("subject_conflict");
  });

  it.skipIf(skip)("double opt-in: requested with a token, given once confirmed", async () => {
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = true where id = $1", [ledger.purposes.advertising]));
    const email = { kind: "email" as const, value: `doi.${randomBytes(3).toString("hex")}@example.test` };
    const requested = await record({ subject: email, decisions: [{ purposeId: ledger.purposes.advertising!, state: "given" }] });
    expect(requested.states).toEqual([{ purposeId: ledger.purposes.advertising, state: "requested" }]);
    expect(requested.confirmationToken).toMatch(/^doi_[0-9a-f]{64}$/);
    const ask = () => asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: email, purposeKey: "advertising", channel: "email" }));
    expect(await ask()).toMatchObject({ allow: false, reason: "pending_double_opt_in" });
    // The browser path never returns the token.
    const fromBrowser = await fx.asAnon((sql) =>
      recordBrowserConsent(sql, { publicKey: ledger.publicKey, origin: null }, consentInput(fx, ledger, { decisions: [{ purposeId: ledger.purposes.advertising!, state: "given" }] })),
    );
    expect(fromBrowser.states[0]!.state).toBe("requested");
    expect(fromBrowser.confirmationToken).toBeUndefined();

    const confirmed = await fx.asAnon((sql) => confirmDoubleOptIn(sql, requested.confirmationToken!));
    expect(confirmed.states).toEqual([{ purposeId: ledger.purposes.advertising, state: "given" }]);
    expect(await ask()).toMatchObject({ allow: true, reason: "consent_given", evidence: confirmed.eventIds });
    expect((await rejection(fx.asAnon((sql) => confirmDoubleOptIn(sql, requested.confirmationToken!)))).code).toBe("confirmation_invalid");
    // A device id needs no confirmation.
    const device = await record({ subject: { kind: "device_id", value: `d-${randomBytes(3).toString("hex")}` }, decisions: [{ purposeId: ledger.purposes.advertising!, state: "given" }] });
    expect(device.states[0]!.state).toBe("given");
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = false where id = $1", [ledger.purposes.advertising]));
  });

  it.skipIf(skip)("double opt-in: one confirmation gives every purpose one recording put on hold", async () => {
    const held = [ledger.purposes.advertising!, ledger.purposes.marketing!];
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = true where id = any($1::uuid[])", [held]));
    try {
      const email = { kind: "email" as const, value: `doi2.${randomBytes(3).toString("hex")}@example.test` };
      const requested = await record({ subject: email, decisions: held.map((purposeId) => ({ purposeId, state: "given" as const })) });
      expect(requested.states.map((s) => s.state)).toEqual(["requested", "requested"]);
      const confirmed = await fx.asAnon((sql) => confirmDoubleOptIn(sql, requested.confirmationToken!));
      expect(new Set(confirmed.states.map((s) => s.purposeId))).toEqual(new Set(held));
      expect(confirmed.states.every((s) => s.state === "given")).toBe(true);
    } finally {
      await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = false where id = any($1::uuid[])", [held]));
    }
  });

  it.skipIf(skip)("SMS opt-out keywords withdraw consent by SMS only", async () => {
    const keywords = ["TD", "退订", "STOP", "ｓｔｏｐ", " td ", "Stop\n"];
    for (const [i, keyword] of keywords.entries()) {
      const phone = `+861390000${String(1000 + i)}`;
      await record({
        subject: { kind: "phone", value: phone },
        preferences: { channels: { [ledger.purposes.marketing!]: ["email", "sms"] } },
      });
      const result = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, keyword, new Date()));
      expect([keyword, result.withdrawn, result.eventIds.length]).toEqual([keyword, true, 1]);
      const ask = (channel: "sms" | "email") =>
        asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: { kind: "phone", value: phone }, purposeKey: "marketing", channel }));
      expect(await ask("sms")).toMatchObject({ allow: false, reason: "channel_not_allowed" });
      expect((await ask("sms")).evidence).toContain(result.eventIds[0]);
      expect(await ask("email")).toMatchObject({ allow: true });
      const [event] = await t.superuser.query("select state, method, channel, contact_channel from public.consent_events where id = $1", [result.eventIds[0]]);
      expect(event).toEqual({ state: "withdrawn", method: "sms_keyword", channel: "sms", contact_channel: "sms" });
    }
    const phone = "+8613900009999";
    await record({ subject: { kind: "phone", value: phone } }); // marketing given, no channel list
    expect(await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, "hello, what time do you open?", new Date()))).toMatchObject({ withdrawn: false });
    expect(await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, "+8613900000000", "TD", new Date()))).toMatchObject({ withdrawn: false, subjectId: null });
    // A workspace's own keyword.
    await fx.as("admin", (sql) => sql.query("insert into public.sms_opt_out_keywords (workspace_id, keyword, created_by) values ($1, '取消', $2)", [fx.workspaceA, fx.personas.admin.id]));
    expect(await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, phone, " 取消 ", new Date()))).toMatchObject({ withdrawn: true });
    expect(
      await asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: { kind: "phone", value: phone }, purposeKey: "marketing", channel: "sms" })),
    ).toMatchObject({ reason: "channel_not_allowed" });
  });

  it.skipIf(skip)("an SMS opt-out keyword stops SMS for every purpose that could still use it, not only marketing", async () => {
    const { marketing, analytics, advertising } = ledger.purposes as Record<"marketing" | "analytics" | "advertising", string>;
    const given = [marketing, analytics, advertising].map((purposeId) => ({ purposeId, state: "given" as const }));
    const ask = (phone: string, purposeKey: string, channel: "sms" | "email" | "push") =>
      asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: { kind: "phone", value: phone }, purposeKey, channel }));

    // No channel list at all: every channel is allowed for all three, SMS included.
    const open = "+8613900007001";
    await record({ subject: { kind: "phone", value: open }, decisions: given });
    for (const key of ["marketing", "analytics", "advertising"]) expect(await ask(open, key, "sms")).toMatchObject({ allow: true });
    const reply = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, open, "退订", new Date()));
    expect(reply).toMatchObject({ withdrawn: true });
    expect(reply.eventIds).toHaveLength(3);
    for (const key of ["marketing", "analytics", "advertising"]) {
      expect([key, await ask(open, key, "sms")]).toMatchObject([key, { allow: false, reason: "channel_not_allowed" }]);
      expect([key, await ask(open, key, "email")]).toMatchObject([key, { allow: true }]);
    }

    // A list for every purpose, and analytics' own list without SMS: analytics is not touched,
    // and the others keep exactly what "*" allowed minus SMS (push stays refused).
    const listed = "+8613900007002";
    await record({ subject: { kind: "phone", value: listed }, decisions: given, preferences: { channels: { "*": ["email", "sms"], [analytics]: ["email"] } } });
    const second = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, listed, "STOP", new Date()));
    const withdrawnFor = await t.superuser.query<{ purpose_id: string }>("select purpose_id from public.consent_events where id = any($1::uuid[])", [second.eventIds]);
    expect(new Set(withdrawnFor.map((row) => row.purpose_id))).toEqual(new Set([marketing, advertising]));
    for (const key of ["marketing", "advertising"]) {
      expect(await ask(listed, key, "sms")).toMatchObject({ allow: false, reason: "channel_not_allowed" });
      expect(await ask(listed, key, "email")).toMatchObject({ allow: true });
      expect(await ask(listed, key, "push")).toMatchObject({ allow: false, reason: "channel_not_allowed" });
    }
    expect(await ask(listed, "analytics", "email")).toMatchObject({ allow: true });

    // A refused purpose is already stopped: nothing recorded for it.
    const refused = "+8613900007003";
    await record({ subject: { kind: "phone", value: refused }, decisions: [{ purposeId: analytics, state: "refused" }, { purposeId: marketing, state: "given" }] });
    const third = await asService(fx, (sql) => recordSmsInbound(sql, fx.workspaceA, refused, "TD", new Date()));
    const thirdFor = await t.superuser.query<{ purpose_id: string }>("select purpose_id from public.consent_events where id = any($1::uuid[])", [third.eventIds]);
    expect(thirdFor.map((row) => row.purpose_id)).toEqual([marketing]);
  });

  it.skipIf(skip)("Hong Kong direct marketing: no use before consent, and an opt-out is honoured by the very next decision", async () => {
    const subject = { kind: "phone" as const, value: "+85291234567" };
    const hk = { region: { code: "HK", resolvedBy: "geo_header" }, locale: "zh-HK" };
    const ask = () => asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject, purposeKey: "marketing", channel: "sms" }));
    expect(await ask()).toMatchObject({ allow: false, reason: "unknown_subject" });
    // Known for another purpose, silent about marketing: still no.
    await record({ ...hk, subject, decisions: [{ purposeId: ledger.purposes.analytics!, state: "given" }] });
    expect(await ask()).toMatchObject({ allow: false, reason: "no_consent" });
    await record({ ...hk, subject, decisions: [{ purposeId: ledger.purposes.marketing!, state: "given" }] });
    expect(await ask()).toMatchObject({ allow: true, reason: "consent_given" });
    const optOut = await record({ ...hk, subject, method: "toggle", decisions: [{ purposeId: ledger.purposes.marketing!, state: "withdrawn" }] });
    const after = await ask();
    expect(after).toMatchObject({ allow: false, reason: "consent_withdrawn" });
    expect(after.evidence).toContain(optOut.eventIds[0]);
    // An objection to direct marketing holds on every channel at once (GDPR art. 21(3)).
    for (const channel of ["email", "phone", "wechat", "push"] as const) {
      expect([channel, await asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject, purposeKey: "marketing", channel }))]).toMatchObject([channel, { allow: false, reason: "consent_withdrawn" }]);
    }
  });

  it.skipIf(skip)("consents expire by the purpose's rule; the sweep records `expired`", async () => {
    await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = 30 where id = $1", [ledger.purposes.analytics]));
    const subject = { kind: "member_id" as const, value: `exp-${randomBytes(3).toString("hex")}` };
    const recorded = await record({ subject, decisions: [{ purposeId: ledger.purposes.analytics!, state: "given" }] });
    const [event] = await t.superuser.query<{ days: number }>(
      "select round(extract(epoch from expires_at - occurred_at) / 86400)::int as days from public.consent_events where id = $1",
      [recorded.eventIds[0]],
    );
    expect(event!.days).toBe(30);
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    const ask = () => asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject, purposeKey: "analytics", channel: "email", at: later }));
    expect(await ask()).toMatchObject({ allow: false, reason: "consent_expired" });
    expect(await asService(fx, (sql) => expireConsents(sql, fx.workspaceA, later))).toBeGreaterThanOrEqual(1);
    const history = await asService(fx, (sql) => subjectHistory(sql, fx.workspaceA, subject));
    expect(history.map((e) => [e.state, e.method])).toEqual([
      ["given", "save"],
      ["expired", "expiry"],
    ]);
    expect(await ask()).toMatchObject({ allow: false, reason: "consent_expired", evidence: [history[1]!.id] });
    await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = null where id = $1", [ledger.purposes.analytics]));
  });

  it.skipIf(skip)("only owners and admins change a purpose's double opt-in and consent lifetime; legal still edits its words; audited", async () => {
    const id = ledger.purposes.analytics!;
    const change = (who: "owner" | "admin" | "legal" | "editor" | "viewer", set: string) =>
      attempt(fx, who, `update public.purposes set ${set} where id = $1 returning id`, [id]);
    expect(await change("legal", "double_opt_in = true")).toBe("raises consentry.forbidden");
    expect(await change("legal", "consent_valid_days = 7")).toBe("raises consentry.forbidden");
    expect(await change("legal", "description = description")).toBe(OUTCOME.allowed);
    for (const who of ["editor", "viewer"] as const) expect(await change(who, "double_opt_in = true")).not.toBe(OUTCOME.allowed);
    for (const who of ["owner", "admin"] as const) expect(await change(who, "double_opt_in = true, consent_valid_days = 7")).toBe(OUTCOME.allowed);
    const countAudit = async () =>
      (await t.superuser.query<{ n: number }>("select count(*)::int as n from public.audit_log where target_type = 'purpose' and target_id = $1 and action = 'purpose.updated'", [id]))[0]!.n;
    const before = await countAudit();
    await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = 7 where id = $1", [id]));
    await fx.as("admin", (sql) => sql.query("update public.purposes set consent_valid_days = null where id = $1", [id]));
    expect(await countAudit()).toBe(before + 2);
  });

  it.skipIf(skip)("frequency caps count the contact log at the boundary; retried appends count once", async () => {
    const subject = { kind: "member_id" as const, value: `cap-${randomBytes(3).toString("hex")}` };
    await record({ subject, preferences: { frequencyCap: { max: 2, period: "week" } } });
    const ask = () => asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject, purpose: "marketing", channel: "email" }));
    const contact = (daysAgo: number, externalId?: string) =>
      asService(fx, (sql) =>
        appendContact(sql, fx.workspaceA, {
          subject,
          channel: "email",
          purposeId: ledger.purposes.marketing!,
          contactedAt: new Date(Date.now() - daysAgo * 24 * 3600 * 1000),
          ...(externalId ? { externalId } : {}),
        }),
      );
    await contact(8); // outside the week
    expect(await ask()).toMatchObject({ allow: true, cacheSeconds: 60 });
    const first = await contact(1, `msg-${subject.value}`);
    expect(first.id).not.toBeNull();
    expect((await contact(1, `msg-${subject.value}`)).id).toBeNull();
    expect(await ask()).toMatchObject({ allow: true, cacheSeconds: 0 }); // N-1 contacts: allowed, but the next one reaches the cap
    await contact(0);
    const denied = await ask();
    expect(denied).toMatchObject({ allow: false, reason: "frequency_cap_reached" });
    expect(denied.cacheSeconds).toBeGreaterThan(5 * 24 * 3600);
    const unknown = await rejection(
      asService(fx, (sql) => appendContact(sql, fx.workspaceA, { subject: { kind: "member_id", value: "nobody" }, channel: "email", purposeId: ledger.purposes.marketing!, contactedAt: new Date() })),
    );
    expect(unknown.code).toBe("unknown_subject");
    expect(await asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject: { kind: "member_id", value: "nobody" }, purposeKey: "marketing", channel: "email" }))).toMatchObject({
      allow: false,
      reason: "unknown_subject",
    });
    expect(await asService(fx, (sql) => decideOne(sql, fx.workspaceA, { subject, purposeKey: "no_such_purpose", channel: "email" }))).toMatchObject({
      reason: "unknown_purpose",
    });
  });
});
