import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asService, consentInput, publishLedgerExperience, type LedgerFixture } from "@/lib/consent/test-support";
import { recordConsent } from "@/lib/consent/record";
import { verifySubjectChain } from "@/lib/consent/verify";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, OUTCOME, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { readCentreState, recordCentreChange, withdrawAllConsent } from "./centre";
import { listOutboundMessages } from "./outbox";
import { readReceipt } from "./receipts";
import { listDataSubjectRequests, requestSubjectData, setDataSubjectRequestStatus } from "./requests";
import type { CentreVisit } from "./types";
import { endSubjectSession, startVerification, verifyCode, verifyLink } from "./verification";

/**
 * The preference centre on both engines: proving control of an identifier (codes hashed,
 * expiring, locking after 5 attempts, used once, throttled), sessions bound to a workspace and a
 * subject, changes recorded on the ledger with receipts, withdraw all, data subject requests,
 * and above all: one person's session never reaches another person's state or receipts.
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

const VISIT: CentreVisit = {
  locale: "en",
  region: { code: "EU", resolvedBy: "parameter" },
  context: { userAgent: "Vitest", pageUrl: "https://consentry.test/en/p/x/manage", ipTruncated: "198.51.100.23" },
};

describe.each(TEST_TARGETS)("preference centre on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let ledger: LedgerFixture;
  let publicIdA: string;
  let publicIdB: string;

  const anon = <T>(work: (sql: Sql) => Promise<T>) => fx.asAnon(work);
  const email = (name: string) => `${name}.${randomBytes(4).toString("hex")}@example.test`;
  /** The latest message to `masked`'s challenge, as A's owner reads it in the outbox. */
  const outboxBody = async (messageId: string, workspaceId = fx.workspaceA, reader: "owner" | "outsider" = "owner") => {
    const messages = await fx.as(reader, (sql) => listOutboundMessages(sql, workspaceId));
    const message = messages.find((m) => m.id === messageId);
    if (!message) throw new Error("message not in the outbox");
    return message.body;
  };
  const codeOf = (body: string) => /(?:is|是) (\d{6})\b/.exec(body)?.[1] ?? "";
  const linkTokenOf = (body: string) => /mlk_[0-9a-f]{64}/.exec(body)?.[0] ?? "";
  /** Start + verify by code: a session token for `value` in workspace A. */
  const signInAs = async (value: string, publicId = publicIdA, workspaceId = fx.workspaceA, reader: "owner" | "outsider" = "owner") => {
    const started = await anon((sql) => startVerification(sql, publicId, { kind: "email", value }, { locale: "en" }));
    const code = codeOf(await outboxBody(started.messageId, workspaceId, reader));
    const outcome = await anon((sql) => verifyCode(sql, started.challengeId, code));
    if (outcome.status !== "verified") throw new Error(`not verified: ${outcome.status}`);
    return outcome.sessionToken;
  };

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    ledger = await publishLedgerExperience(fx);
    const [a] = await t.superuser.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [ledger.experienceId]);
    publicIdA = a!.public_id;
    // Workspace B (owned by the outsider) publishes a preference page of its own.
    publicIdB = await fx.as("outsider", async (sql) => {
      const [purpose] = await sql.query<{ id: string }>("select id from public.purposes where workspace_id = $1 and key = 'marketing'", [fx.workspaceB]);
      const [experience] = await sql.query<{ id: string; public_id: string }>(
        `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
         values ($1, 'B centre', 'preference_page', '{}', $2, $2) returning id, public_id`,
        [fx.workspaceB, fx.personas.outsider.id],
      );
      const document = { schemaVersion: 2, kind: "preference_page", blocks: [{ id: "b1", type: "purpose_toggle", purposeId: purpose!.id }] };
      await sql.query("select public.publish_experience($1, $2::jsonb, '{}'::jsonb, false)", [experience!.id, JSON.stringify(document)]);
      return experience!.public_id;
    });
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("a code goes to the outbox, readable only by A's owners and admins, never the plain recipient", async () => {
    const value = email("reader");
    const started = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value }, { locale: "zh-CN" }));
    expect(started.channel).toBe("email");
    expect(started.recipientMasked).toMatch(/^r\*\*\*@example\.test$/);
    const body = await outboxBody(started.messageId);
    expect(body).toContain("验证码");
    expect(codeOf(body)).toMatch(/^\d{6}$/);
    expect(body).toContain(`/zh-CN/p/${publicIdA}/manage/link?token=mlk_`);
    const select = "select body from public.outbound_messages where id = $1";
    for (const role of ["owner", "admin"] as const) expect(await attempt(fx, role, select, [started.messageId])).toBe(OUTCOME.allowed);
    for (const role of ["editor", "legal", "viewer", "outsider"] as const) expect(await attempt(fx, role, select, [started.messageId])).toBe(OUTCOME.zeroRows);
    expect(await attempt(fx, "anon", select, [started.messageId])).toBe(OUTCOME.noPrivilege);
    expect(await attempt(fx, "owner", "select recipient from public.outbound_messages where id = $1", [started.messageId])).toBe(OUTCOME.noPrivilege);
    expect(await attempt(fx, "owner", "select code_hash from public.verification_challenges")).toBe(OUTCOME.noPrivilege);
    // The code is stored as a keyed hash, not the digits.
    const [challenge] = await t.superuser.query<{ code_hash: string }>("select code_hash from public.verification_challenges where id = $1", [started.challengeId]);
    expect(challenge!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge!.code_hash).not.toContain(codeOf(body));
  });

  it.skipIf(skip)("answers the same for a known and an unknown person", async () => {
    const known = email("known");
    await asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value: known } })));
    const [a, b] = await Promise.all([
      anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: known }, { locale: "en" })),
      anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("unknown") }, { locale: "en" })),
    ]);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.channel).toBe(b.channel);
    const [subjects] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.subjects");
    // Nobody is created before control is proven.
    await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("ghost") }, { locale: "en" }));
    const [after] = await t.superuser.query<{ n: number }>("select count(*)::int as n from public.subjects");
    expect(after!.n).toBe(subjects!.n);
  });

  it.skipIf(skip)("refuses bad identifiers and experiences that are not live", async () => {
    expect((await rejection(anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: "not-an-address" }, { locale: "en" })))).code).toBe("invalid_identifier");
    expect((await rejection(anon((sql) => startVerification(sql, "x00000000000000000000", { kind: "email", value: email("p") }, { locale: "en" })))).code).toBe("not_found");
  });

  it.skipIf(skip)("a wrong code counts; five lock the challenge, even for the right code afterwards", async () => {
    const started = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("guesser") }, { locale: "en" }));
    const code = codeOf(await outboxBody(started.messageId));
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = 4; left >= 1; left--) {
      expect(await anon((sql) => verifyCode(sql, started.challengeId, wrong))).toEqual({ status: "invalid", attemptsLeft: left });
    }
    expect(await anon((sql) => verifyCode(sql, started.challengeId, "12ab"))).toEqual({ status: "locked" });
    expect(await anon((sql) => verifyCode(sql, started.challengeId, code))).toEqual({ status: "locked" });
    expect((await anon((sql) => verifyLink(sql, linkTokenOf(`${code}`)))).status).toBe("expired");
  });

  it.skipIf(skip)("codes expire after 10 minutes and are used once; links likewise", async () => {
    const started = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("late") }, { locale: "en" }));
    const body = await outboxBody(started.messageId);
    const [expiry] = await t.superuser.query<{ minutes: number }>(
      "select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from public.verification_challenges where id = $1",
      [started.challengeId],
    );
    expect(expiry!.minutes).toBe(10);
    await t.superuser.query("update public.verification_challenges set expires_at = now() - interval '1 second' where id = $1", [started.challengeId]);
    expect(await anon((sql) => verifyCode(sql, started.challengeId, codeOf(body)))).toEqual({ status: "expired" });
    expect(await anon((sql) => verifyLink(sql, linkTokenOf(body)))).toEqual({ status: "expired" });

    const again = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("once") }, { locale: "en" }));
    const token = linkTokenOf(await outboxBody(again.messageId));
    expect((await anon((sql) => verifyLink(sql, token))).status).toBe("verified");
    expect(await anon((sql) => verifyLink(sql, token))).toEqual({ status: "expired" });
    // The body of a used challenge is redacted in the outbox.
    const redacted = await outboxBody(again.messageId);
    expect(linkTokenOf(redacted)).toBe("");
    expect(codeOf(redacted)).toBe("");
    expect(await anon((sql) => verifyLink(sql, `mlk_${"0".repeat(64)}`))).toEqual({ status: "expired" });
    expect(await anon((sql) => verifyCode(sql, randomUUID(), "123456"))).toEqual({ status: "expired" });
  });

  it.skipIf(skip)("throttles per identifier (5 an hour) and per network (20 an hour)", async () => {
    const value = email("flood");
    for (let i = 0; i < 5; i++) await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value }, { locale: "en" }));
    expect((await rejection(anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: value.toUpperCase() }, { locale: "en" })))).code).toBe(
      "too_many_attempts",
    );
    const network = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email(`n${i}`) }, { locale: "en", network }));
    expect((await rejection(anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("n21") }, { locale: "en", network })))).code).toBe(
      "too_many_attempts",
    );
  });

  it.skipIf(skip)("one client starting challenges for 25 addresses at once gets 20, not more", async () => {
    const network = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const starts = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email(`burst${i}`) }, { locale: "en", network }))),
    );
    expect(starts.filter((s) => s.status === "fulfilled")).toHaveLength(20);
    for (const refused of starts.filter((s) => s.status === "rejected")) expect((refused.reason as { code: string }).code).toBe("too_many_attempts");
  });

  it.skipIf(skip)("a verified person reads and changes their state; every change is a ledger event with a receipt", async () => {
    const value = email("changer");
    await asService(fx, (sql) => recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "email", value } })));
    const session = await signInAs(value);
    const before = await anon((sql) => readCentreState(sql, session, publicIdA));
    expect(before.identifierKind).toBe("email");
    expect(before.states.map((s) => [s.purposeKey, s.state, s.method, s.channel])).toEqual([["marketing", "given", "save", "web"]]);

    const change = await anon((sql) =>
      recordCentreChange(
        sql,
        session,
        publicIdA,
        {
          method: "save",
          decisions: [
            { purposeId: ledger.purposes.marketing!, given: true }, // unchanged: no event
            { purposeId: ledger.purposes.analytics!, given: true },
            { purposeId: ledger.purposes.advertising!, given: false }, // never answered: refused
          ],
          preferences: { channels: { "*": ["email"] }, topics: [ledger.topics.offers!], frequencyCap: { max: 2, period: "week" } },
        },
        VISIT,
      ),
    );
    expect(change.changed).toBe(true);
    expect(change.states).toEqual([
      { purposeId: ledger.purposes.analytics, state: "given" },
      { purposeId: ledger.purposes.advertising, state: "refused" },
    ]);
    expect(change.receipt?.token).toMatch(/^rct_/);
    const [event] = await t.superuser.query<{ expressed_by: string; channel: string; method: string; language: string; region_code: string; context: Record<string, unknown>; preferences: unknown }>(
      "select expressed_by, channel, method, language, region_code, context, preferences from public.consent_events where id = $1",
      [change.eventIds[0]],
    );
    expect(event).toMatchObject({ expressed_by: "subject", channel: "web", method: "save", language: "en", region_code: "EU" });
    expect(event!.context).toMatchObject({ ip_truncated: "198.51.100.0", user_agent: "Vitest", preference_centre: true });
    expect(event!.preferences).toMatchObject({ channels: { "*": ["email"] } });

    // Saving the same again changes nothing.
    const same = await anon((sql) =>
      recordCentreChange(sql, session, publicIdA, { method: "save", decisions: [{ purposeId: ledger.purposes.analytics!, given: true }], preferences: { channels: { "*": ["email"] } } }, VISIT),
    );
    expect(same).toEqual({ changed: false, eventIds: [], states: [] });

    // A channel change alone is carried by an event restating a purpose.
    const channelOnly = await anon((sql) =>
      recordCentreChange(sql, session, publicIdA, { method: "toggle", decisions: [], preferences: { channels: { "*": ["email", "sms"] } } }, VISIT),
    );
    expect(channelOnly.states).toHaveLength(1);
    expect(channelOnly.states[0]!.state).toBe("renewed_given");

    const after = await anon((sql) => readCentreState(sql, session, publicIdA));
    expect(after.preferences).toMatchObject({ channels: { "*": ["email", "sms"] }, topics: [ledger.topics.offers], frequencyCap: { max: 2, period: "week" } });
    expect(after.receipts).toHaveLength(2);

    // Giving what this version does not offer is refused; so are unknown channels and topics.
    expect((await rejection(anon((sql) => recordCentreChange(sql, session, publicIdA, { method: "save", decisions: [{ purposeId: randomUUID(), given: true }] }, VISIT)))).code).toBe("unknown_purpose");
    expect(
      (await rejection(anon((sql) => recordCentreChange(sql, session, publicIdA, { method: "save", decisions: [], preferences: { channels: { "*": ["phone"] } } }, VISIT)))).code,
    ).toBe("unknown_channel");

    const [subject] = await t.superuser.query<{ subject_id: string }>("select subject_id from public.consent_events where id = $1", [change.eventIds[0]]);
    const verdict = await fx.as("owner", (sql) => verifySubjectChain(sql, subject!.subject_id));
    expect(verdict.valid).toBe(true);
  });

  it.skipIf(skip)("withdraw all withdraws every consent given in one step, with a receipt", async () => {
    const value = email("leaver");
    await asService(fx, (sql) =>
      recordConsent(
        sql,
        consentInput(fx, ledger, {
          subject: { kind: "email", value },
          decisions: [
            { purposeId: ledger.purposes.marketing!, state: "given" },
            { purposeId: ledger.purposes.analytics!, state: "given" },
            { purposeId: ledger.purposes.advertising!, state: "refused" },
          ],
          preferences: { topics: [ledger.topics.offers!] },
        }),
      ),
    );
    const session = await signInAs(value);
    const result = await anon((sql) => withdrawAllConsent(sql, session, publicIdA, VISIT));
    expect(result.states.map((s) => s.state)).toEqual(["withdrawn", "withdrawn"]);
    const state = await anon((sql) => readCentreState(sql, session, publicIdA));
    expect(state.states.filter((s) => s.state === "given")).toEqual([]);
    expect(state.preferences?.topics).toEqual([]);
    const receipt = await anon((sql) => readReceipt(sql, result.receipt!.id, { sessionToken: session }));
    expect(receipt.action).toBe("withdraw_all");
    expect(receipt.events.map((e) => [e.state, e.method, e.expressedBy])).toEqual([
      ["withdrawn", "click_reject", "subject"],
      ["withdrawn", "click_reject", "subject"],
    ]);
    // Nothing left to withdraw: no event, no receipt.
    expect((await anon((sql) => withdrawAllConsent(sql, session, publicIdA, VISIT))).changed).toBe(false);
  });

  it.skipIf(skip)("one person's session can never read or change another's state or receipts", async () => {
    const alice = await signInAs(email("alice"));
    const bob = await signInAs(email("bob"));
    const aliceChange = await anon((sql) =>
      recordCentreChange(sql, alice, publicIdA, { method: "save", decisions: [{ purposeId: ledger.purposes.marketing!, given: true }] }, VISIT),
    );
    const receiptId = aliceChange.receipt!.id;
    // Bob's session, Bob's own state: nothing of Alice's.
    expect((await anon((sql) => readCentreState(sql, bob, publicIdA))).states).toEqual([]);
    // Alice's receipt with Bob's session, with no credential, with a guessed token: not found.
    for (const access of [{ sessionToken: bob }, {}, { receiptToken: `rct_${"a".repeat(64)}` }, { receiptToken: aliceChange.receipt!.token.replace(/.$/, (last) => (last === "0" ? "1" : "0")) }]) {
      expect((await rejection(anon((sql) => readReceipt(sql, receiptId, access)))).code).toBe("not_found");
    }
    // The token opens it for anyone holding it, and Alice's session does.
    expect((await anon((sql) => readReceipt(sql, receiptId, { receiptToken: aliceChange.receipt!.token }))).id).toBe(receiptId);
    expect((await anon((sql) => readReceipt(sql, receiptId, { sessionToken: alice }))).events).toHaveLength(1);

    // Another workspace's page, guessed tokens, ended and expired sessions: session_invalid.
    const invalid = async (token: string, publicId = publicIdA) => (await rejection(anon((sql) => readCentreState(sql, token, publicId)))).code;
    expect(await invalid(alice, publicIdB)).toBe("session_invalid");
    expect(await invalid(`pcs_${randomBytes(32).toString("hex")}`)).toBe("session_invalid");
    expect((await rejection(anon((sql) => withdrawAllConsent(sql, alice, publicIdB, VISIT)))).code).toBe("session_invalid");
    expect((await rejection(anon((sql) => requestSubjectData(sql, alice, publicIdB, { kind: "access" })))).code).toBe("session_invalid");
    await anon((sql) => endSubjectSession(sql, bob));
    expect(await invalid(bob)).toBe("session_invalid");
    const carol = await signInAs(email("carol"));
    await t.superuser.query("update public.subject_sessions set expires_at = now() - interval '1 second'");
    expect(await invalid(carol)).toBe("session_invalid");
    expect(await invalid(alice)).toBe("session_invalid");

    // No function takes a subject id; anon holds no privilege on any table of the centre.
    for (const table of ["subject_sessions", "verification_challenges", "consent_receipts", "data_subject_requests", "consent_state"]) {
      expect(await attempt(fx, "anon", `select 1 from public.${table}`)).toBe(OUTCOME.noPrivilege);
    }
    // A person verified in B is a different subject from the same address in A.
    const shared = email("shared");
    const inA = await signInAs(shared);
    const inB = await signInAs(shared, publicIdB, fx.workspaceB, "outsider");
    await anon((sql) => recordCentreChange(sql, inA, publicIdA, { method: "save", decisions: [{ purposeId: ledger.purposes.marketing!, given: true }] }, VISIT));
    expect((await anon((sql) => readCentreState(sql, inB, publicIdB))).states).toEqual([]);
  });

  it.skipIf(skip)("what the person chose on this browser's device id joins them when they verify; a known person's device does not", async () => {
    const deviceId = randomUUID();
    await asService(fx, (sql) =>
      recordConsent(sql, consentInput(fx, ledger, { subject: { kind: "device_id", value: deviceId }, decisions: [{ purposeId: ledger.purposes.analytics!, state: "given" }] })),
    );
    const value = email("returning");
    const started = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value }, { locale: "en" }));
    const code = codeOf(await outboxBody(started.messageId));
    const outcome = await anon((sql) => verifyCode(sql, started.challengeId, code, { deviceId }));
    if (outcome.status !== "verified") throw new Error(outcome.status);
    const state = await anon((sql) => readCentreState(sql, outcome.sessionToken, publicIdA));
    expect(state.states.map((s) => [s.purposeKey, s.state])).toEqual([["analytics", "given"]]);
    const [audit] = await fx.as("owner", (sql) =>
      sql.query<{ n: number }>("select count(*)::int as n from public.audit_log where workspace_id = $1 and action = 'subject.linked' and after ->> 'by' = 'preference_centre'", [fx.workspaceA]),
    );
    expect(audit!.n).toBeGreaterThan(0);

    // The same device id presented by somebody else afterwards: it is a known person's now, and stays theirs.
    const other = await anon((sql) => startVerification(sql, publicIdA, { kind: "email", value: email("intruder") }, { locale: "en" }));
    const otherCode = codeOf(await outboxBody(other.messageId));
    const intruder = await anon((sql) => verifyCode(sql, other.challengeId, otherCode, { deviceId }));
    if (intruder.status !== "verified") throw new Error(intruder.status);
    expect((await anon((sql) => readCentreState(sql, intruder.sessionToken, publicIdA))).states).toEqual([]);
    expect((await anon((sql) => readCentreState(sql, outcome.sessionToken, publicIdA))).states).toHaveLength(1);
  });

  it.skipIf(skip)("a data request is recorded, seen by owners, admins and legal, and handled with an audit trail", async () => {
    const session = await signInAs(email("requester"));
    const { requestId } = await anon((sql) => requestSubjectData(sql, session, publicIdA, { kind: "deletion", note: "Please delete my account data." }));
    expect((await anon((sql) => readCentreState(sql, session, publicIdA))).requests).toMatchObject([{ id: requestId, kind: "deletion", status: "received" }]);
    for (const role of ["owner", "admin", "legal"] as const) {
      expect((await fx.as(role, (sql) => listDataSubjectRequests(sql, fx.workspaceA))).map((r) => r.id)).toContain(requestId);
    }
    for (const role of ["editor", "viewer", "outsider"] as const) {
      expect(await fx.as(role, (sql) => listDataSubjectRequests(sql, fx.workspaceA))).toEqual([]);
    }
    expect((await rejection(fx.as("editor", (sql) => setDataSubjectRequestStatus(sql, fx.workspaceA, { requestId, status: "completed" })))).code).toBe("not_found");
    await fx.as("legal", (sql) => setDataSubjectRequestStatus(sql, fx.workspaceA, { requestId, status: "completed", responseNote: "Deleted." }));
    const [handled] = await fx.as("owner", (sql) => listDataSubjectRequests(sql, fx.workspaceA));
    expect(handled).toMatchObject({ id: requestId, status: "completed", responseNote: "Deleted.", handledBy: fx.personas.legal.id });
    expect(handled!.handledAt).not.toBeNull();
    const audit = await fx.as("owner", (sql) =>
      sql.query<{ action: string }>("select action from public.audit_log where workspace_id = $1 and target_type = 'data_subject_request' and target_id = $2 order by seq", [
        fx.workspaceA,
        requestId,
      ]),
    );
    expect(audit.map((a) => a.action)).toEqual(["data_subject_request.created", "data_subject_request.updated"]);
    // The person's own fields are not the operator's to rewrite.
    expect(await attempt(fx, "owner", "update public.data_subject_requests set note = 'forged' where id = $1 returning 1", [requestId])).toBe(OUTCOME.noPrivilege);
    expect((await rejection(anon((sql) => requestSubjectData(sql, session, publicIdA, { kind: "copy" as "access" })))).code).toBe("invalid_input");
  });
});
