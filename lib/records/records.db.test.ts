import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent } from "@/lib/consent/record";
import type { RecordConsentInput } from "@/lib/consent/types";
import { ExpectedError } from "@/lib/errors";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, OUTCOME, type PersonaName, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { EXPORTED_COLUMNS } from "./encode";
import { openRecordsExport } from "./export";
import type { RecordFilters } from "./filters";
import { findPerson } from "./lookup";
import { recordOperatorConsent, type OperatorConsentInput } from "./operator-entry";
import { searchRecords } from "./search";
import { asService, NOTICE_TEXT, publishNoticedExperience, type RecordsFixture } from "./test-support";
import { subjectTimeline } from "./timeline";

/**
 * The records explorer on both engines: filters and keyset paging, finding a person by a keyed
 * hash of their identifier, the timeline with the exact notice text, who may read, export and
 * record on a person's behalf, and the audit entries of exports.
 */

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpectedError) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe.each(TEST_TARGETS)("records explorer on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let rf: RecordsFixture;
  const alice = `Alice.Records.${Date.now()}@Example.test`;
  const bob = `bob.${Date.now()}@example.test`;
  let aliceId: string;
  let bobId: string;

  const record = (overrides: Partial<RecordConsentInput>) =>
    asService(fx, (sql) =>
      recordConsent(sql, {
        workspaceId: fx.workspaceA,
        experienceVersionId: rf.versionId,
        subject: { kind: "email", value: alice },
        channel: "web",
        method: "save",
        expressedBy: "subject",
        locale: "zh-CN",
        region: { code: "CN", resolvedBy: "explicit" },
        decisions: [{ purposeId: rf.purposes.marketing!, state: "given" }],
        context: { userAgent: "Vitest" },
        ...overrides,
      }),
    );
  const search = (who: PersonaName, filters: RecordFilters, page?: { after?: string | null; size?: number }) =>
    fx.as(who, (sql) => searchRecords(sql, fx.workspaceA, filters, page));

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    rf = await publishNoticedExperience(fx);
    aliceId = (await record({})).subjectId;
    await record({ channel: "app", decisions: [{ purposeId: rf.purposes.analytics!, state: "refused" }] });
    await record({ decisions: [{ purposeId: rf.purposes.marketing!, state: "withdrawn" }], withdrawUrl: "https://shop.example/withdraw?a=1,b=2" });
    bobId = (
      await record({
        subject: { kind: "email", value: bob },
        locale: "en",
        region: { code: "EU", resolvedBy: "accept_language" },
        method: "click_accept",
        decisions: [
          { purposeId: rf.purposes.marketing!, state: "given" },
          { purposeId: rf.purposes.analytics!, state: "given" },
        ],
      })
    ).subjectId;
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("filters by purpose, state, channel, region, method, date and person; pages by keyset", async () => {
    const all = await search("viewer", {});
    expect(all.total).toBe(5);
    expect(all.rows.map((row) => row.receivedAt.getTime())).toEqual([...all.rows.map((row) => row.receivedAt.getTime())].sort((a, b) => b - a));
    expect((await search("viewer", { purpose: rf.purposes.analytics })).rows).toHaveLength(2);
    expect((await search("viewer", { state: "withdrawn" })).rows.map((row) => row.subjectId)).toEqual([aliceId]);
    expect((await search("viewer", { channel: "app" })).rows).toMatchObject([{ purposeKey: "analytics", state: "refused" }]);
    expect((await search("viewer", { region: "EU" })).rows.every((row) => row.subjectId === bobId)).toBe(true);
    expect((await search("viewer", { method: "click_accept" })).total).toBe(2);
    expect((await search("viewer", { subject: aliceId })).total).toBe(3);
    const today = new Date().toISOString().slice(0, 10);
    expect((await search("viewer", { from: today, to: today })).total).toBe(5);
    expect((await search("viewer", { to: "2020-01-01" })).total).toBe(0);

    // One row at a time, following the cursor, visits every event once, newest first.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof searchRecords>> = await search("viewer", {}, { after, size: 1 });
      seen.push(...page.rows.map((row) => row.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual(all.rows.map((row) => row.id));
  });

  it.skipIf(skip)("finds a person by identifier through its keyed hash, only in their workspace, and stores no plain identifier", async () => {
    expect(await fx.as("viewer", (sql) => findPerson(sql, fx.workspaceA, { kind: "email", value: `  ${alice.toLowerCase()} ` }))).toBe(aliceId);
    expect(await fx.as("viewer", (sql) => findPerson(sql, fx.workspaceA, { kind: "email", value: "nobody@example.test" }))).toBeNull();
    expect(await fx.as("viewer", (sql) => findPerson(sql, fx.workspaceA, { kind: "phone", value: "not a phone" }))).toBeNull();
    // The outsider owns workspace B: the same address there is nobody (another secret, another hash).
    expect(await fx.as("outsider", (sql) => findPerson(sql, fx.workspaceB, { kind: "email", value: alice }))).toBeNull();
    expect(await rejection(fx.as("outsider", (sql) => findPerson(sql, fx.workspaceA, { kind: "email", value: alice })))).toBe("forbidden");

    const needle = alice.toLowerCase();
    for (const table of ["public.consent_events", "public.subject_identifiers", "public.subjects", "public.audit_log"]) {
      const [row] = await t.superuser.query<{ n: number }>(`select count(*)::int as n from ${table} x where lower(to_jsonb(x)::text) like $1`, [`%${needle}%`]);
      expect(row!.n, table).toBe(0);
    }
  });

  it.skipIf(skip)("the timeline shows each event with the notice text in its language, the version shown and the chain's verdict", async () => {
    const timeline = (await fx.as("viewer", (sql) => subjectTimeline(sql, fx.workspaceA, aliceId)))!;
    expect(timeline.events).toHaveLength(3);
    expect(timeline.chains).toEqual([expect.objectContaining({ subjectId: aliceId, valid: true, checkedRows: 3 })]);
    expect(timeline.identifiers).toEqual([expect.objectContaining({ kind: "email" })]);
    const first = timeline.events[0]!;
    expect(first.chainVerified).toBe(true);
    expect(first.experienceVersion).toMatchObject({ id: rf.versionId, number: 1, experienceName: "Preference page" });
    expect(first.experienceVersion!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.notices).toEqual([expect.objectContaining({ noticeId: rf.noticeId, versionId: rf.noticeVersionId, number: 1, locale: "zh-CN" })]);
    expect(first.notices[0]!.html).toContain(NOTICE_TEXT["zh-CN"]);
    expect(first.notices[0]!.html).toMatch(/^<p>/);
    // A viewer reads the ledger but not the audit log.
    expect(first.audit).toEqual([]);

    const bobs = (await fx.as("legal", (sql) => subjectTimeline(sql, fx.workspaceA, bobId)))!;
    expect(bobs.events[0]!.notices[0]!.html).toContain(NOTICE_TEXT.en);
    expect(bobs.events[0]!.audit.map((entry) => entry.action).sort()).toEqual(["experience.published", "notice_version.approved"]);

    expect(await fx.as("outsider", (sql) => subjectTimeline(sql, fx.workspaceA, aliceId))).toBeNull();
  });

  it.skipIf(skip)("every member lists records; an outsider sees none; anon and the service call neither new function", async () => {
    for (const who of ["owner", "admin", "editor", "legal", "viewer"] as const) expect((await search(who, {})).total, who).toBeGreaterThan(0);
    expect((await search("outsider", {})).total).toBe(0);
    const log = ["select public.log_records_export($1, 'started', gen_random_uuid(), 'csv', '{}')", [fx.workspaceA]] as const;
    const operator = ["select public.record_operator_consent($1::jsonb)", [JSON.stringify({ workspaceId: fx.workspaceA })]] as const;
    expect(await attempt(fx, "anon", ...log)).toBe(OUTCOME.noPrivilege);
    expect(await attempt(fx, "anon", ...operator)).toBe(OUTCOME.noPrivilege);
    for (const call of [log, operator]) {
      await expect(asService(fx, (sql) => sql.query(call[0], [...call[1]]))).rejects.toThrow(/permission denied/);
    }
  });

  it.skipIf(skip)("an operator records consent on the person's behalf: operator entry, with their id in the context and an audit entry", async () => {
    const input: OperatorConsentInput = {
      workspaceId: fx.workspaceA,
      subjectId: aliceId,
      identifierKind: "email",
      channel: "call_centre",
      locale: "zh-CN",
      regionCode: "CN",
      experienceVersionId: rf.versionId,
      reference: "CALL-1042",
      decisions: [{ purposeId: rf.purposes.marketing!, state: "given" }],
    };
    for (const who of ["editor", "viewer", "outsider"] as const) {
      expect(await rejection(fx.as(who, (sql) => recordOperatorConsent(sql, input))), who).toBe("forbidden");
    }
    const result = await fx.as("legal", (sql) => recordOperatorConsent(sql, input));
    expect(result.states).toEqual([{ purposeId: rf.purposes.marketing, state: "given" }]);

    const timeline = (await fx.as("owner", (sql) => subjectTimeline(sql, fx.workspaceA, aliceId)))!;
    const entry = timeline.events.at(-1)!;
    expect(entry.event).toMatchObject({ method: "operator_entry", expressedBy: "operator", channel: "call_centre", separatelyGiven: true });
    expect(entry.event.context).toMatchObject({ operator_id: fx.personas.legal.id, operator_email: fx.personas.legal.email, reference: "CALL-1042" });
    expect(entry.notices[0]!.html).toContain(NOTICE_TEXT["zh-CN"]);
    expect(entry.chainVerified).toBe(true);
    expect(entry.audit.map((a) => a.action)).toContain("consent.operator_entry");
    expect((await search("viewer", { method: "operator_entry" })).rows.map((row) => row.id)).toEqual(result.eventIds);

    // Other channels, unknown purposes and double opt-in purposes are refused, and nothing is written.
    expect(await rejection(fx.as("legal", (sql) => recordOperatorConsent(sql, { ...input, channel: "web" as "store" })))).toBe("invalid_input");
    expect(
      await rejection(fx.as("legal", (sql) => recordOperatorConsent(sql, { ...input, decisions: [{ purposeId: rf.purposes.advertising!, state: "given" }] }))),
    ).toBe("unknown_purpose");
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = true where id = $1", [rf.purposes.analytics]));
    expect(
      await rejection(
        fx.as("legal", (sql) =>
          recordOperatorConsent(sql, { ...input, experienceVersionId: null, decisions: [{ purposeId: rf.purposes.analytics!, state: "given" }] }),
        ),
      ),
    ).toBe("operator_double_opt_in");
    await fx.as("owner", (sql) => sql.query("update public.purposes set double_opt_in = false where id = $1", [rf.purposes.analytics]));
    expect((await search("viewer", { method: "operator_entry" })).total).toBe(1);
  });

  it.skipIf(skip)("exports stream every matching row as CSV or NDJSON and are audited; only owners, admins and legal export", async () => {
    const caller = (who: PersonaName) => fx.personas[who].caller;
    const csv = await openRecordsExport({ db: fx.db, caller: caller("legal"), workspaceId: fx.workspaceA, filters: { subject: aliceId }, format: "csv", batchSize: 2 });
    expect(csv.total).toBe(4);
    const text = (await readAll(csv.body)).replace(/^\uFEFF/, "");
    const rows = text.trimEnd().split("\r\n");
    expect(rows[0]).toMatch(/^id,received_at,occurred_at,subject_id,seq,/);
    expect(rows).toHaveLength(5);
    expect(rows.slice(1).every((row) => row.includes(aliceId))).toBe(true);
    // Exactly csv-stringify's rendering of the same rows (quoting of the JSON columns and the URL with a comma included).
    const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    const same = await fx.as("legal", (sql) =>
      sql.query(
        `select e.id, ${utc("e.received_at")} as received_at, ${utc("e.occurred_at")} as occurred_at, e.subject_id, e.seq, e.identifier_kind,
           e.identifier_hash, e.expressed_by, e.purpose_id, e.purpose ->> 'key' as purpose_key, e.state, e.consent_type, e.method, e.channel,
           e.contact_channel, e.separately_given, e.region_code, e.region_resolution::text as region_resolution, e.language,
           e.experience_version_id, e.notice_versions::text as notice_versions, ${utc("e.expires_at")} as expires_at, e.withdraw_url, e.hash, e.prev_hash
         from public.consent_events e where e.subject_id = $1 order by e.received_at desc, e.id desc`,
        [aliceId],
      ),
    );
    expect(text).toBe(
      stringify(same, { columns: EXPORTED_COLUMNS as string[], header: true, record_delimiter: "windows", cast: { boolean: (v) => (v ? "true" : "false") } }),
    );
    expect(text).toContain('"https://shop.example/withdraw?a=1,b=2"');

    const ndjson = await openRecordsExport({ db: fx.db, caller: caller("owner"), workspaceId: fx.workspaceA, filters: { region: "EU" }, format: "ndjson" });
    const objects = (await readAll(ndjson.body)).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects).toHaveLength(2);
    expect(objects[0]).toMatchObject({ subject_id: bobId, seq: expect.any(Number), separately_given: false, region_code: "EU", region_resolution: { method: "accept_language" } });

    for (const who of ["editor", "viewer", "outsider"] as const) {
      expect(await rejection(openRecordsExport({ db: fx.db, caller: caller(who), workspaceId: fx.workspaceA, filters: {}, format: "csv" })), who).toBe("forbidden");
    }

    // A reader that goes away part-way leaves a cancelled entry with the rows it was sent.
    const cancelled = await openRecordsExport({ db: fx.db, caller: caller("admin"), workspaceId: fx.workspaceA, filters: {}, format: "csv", batchSize: 1 });
    const reader = cancelled.body.getReader();
    await reader.read();
    await reader.cancel();

    const entries = await fx.as("owner", (sql) =>
      sql.query<{ action: string; target_id: string; actor_email: string; after: { format: string; filters: Record<string, string>; row_count?: number } }>(
        "select action, target_id, actor_email, after from public.audit_log where workspace_id = $1 and action like 'records.export_%' order by seq",
        [fx.workspaceA],
      ),
    );
    const of = (exportId: string) => entries.filter((entry) => entry.target_id === exportId).map((entry) => [entry.action, entry.after.row_count ?? null]);
    expect(of(csv.exportId)).toEqual([
      ["records.export_started", null],
      ["records.export_completed", 4],
    ]);
    expect(of(ndjson.exportId)).toEqual([
      ["records.export_started", null],
      ["records.export_completed", 2],
    ]);
    await expect.poll(() => fx.as("owner", (sql) => sql.query("select 1 from public.audit_log where target_id = $1 and action = 'records.export_cancelled'", [cancelled.exportId])).then((r) => r.length)).toBe(1);
    const started = entries.find((entry) => entry.target_id === csv.exportId)!;
    expect(started).toMatchObject({ actor_email: fx.personas.legal.email, after: { format: "csv", filters: { subject: aliceId } } });
  });
});
