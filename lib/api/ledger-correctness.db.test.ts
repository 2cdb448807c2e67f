import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as consents } from "@/app/api/v1/consents/route";
import { POST as decisions } from "@/app/api/v1/decisions/route";
import { POST as confirm } from "@/app/api/v1/double-opt-in/confirm/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { POST as smsInbound } from "@/app/api/v1/sms/inbound/route";
import { GET as history } from "@/app/api/v1/subjects/history/route";
import { POST as link } from "@/app/api/v1/subjects/link/route";
import { DECISION_REASONS } from "@/lib/consent/decide";
import { runExpiryOnce } from "@/lib/consent/expiry-schedule";
import { runAsCaller } from "@/lib/db/caller";
import { streamRecords } from "@/lib/records/stream";
import { subjectTimeline } from "@/lib/records/timeline";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { claimsFor } from "@/lib/testing/tenancy-fixture";
import { useApiDatabaseForTests } from "./context";
import { buildApiFixture, type ApiFixture } from "./testing/api-fixture";

/**
 * Issue 16 over HTTP and in the database, on both engines: a browser-started double opt-in gets
 * its message and can be confirmed; linking never grants an unconfirmed address; a wildcard
 * channel opt-in after STOP restores SMS; the expiry sweep writes `expired` to the ledger, the
 * outbox and the timeline; the decision API is documented as it answers.
 */

type Handler = (request: Request) => Promise<Response>;
const ORIGIN = "http://localhost:3000";
const BASE = `${ORIGIN}/api/v1`;

function call(handler: Handler, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return handler(
    new Request(`${BASE}${path}`, {
      method: init.method ?? "POST",
      headers: { "content-type": "application/json", ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

const unique = (name: string) => `${name}-${randomBytes(4).toString("hex")}`;

describe.each(TEST_TARGETS)("ledger correctness on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: ApiFixture;
  const secret = () => ({ authorization: `Bearer ${fx.keys.all}` });
  const embed = () => ({ "x-consentry-key": fx.publicKey, origin: fx.allowedOrigin });
  // The app's own hosted page: same origin as the API.
  const hosted = () => ({ "x-consentry-key": fx.publicKey, origin: ORIGIN });

  const consent = (subject: { kind: string; value: string }, overrides: Record<string, unknown> = {}) => ({
    experienceVersionId: fx.versionId,
    subject,
    channel: "web",
    method: "save",
    locale: "en",
    region: { code: "CN", resolvedBy: "geoip" },
    decisions: [{ purposeId: fx.purposes.marketing, state: "given" }],
    ...overrides,
  });
  const ask = async (subject: { kind: string; value: string }, purpose: string, channel: string) => {
    const response = await call(decisions, "/decisions", { headers: secret(), body: { subject, purpose, channel } });
    expect(response.status).toBe(200);
    return (await response.json()) as { allow: boolean; reason: string; evidence: string[]; cacheSeconds: number };
  };
  const messagesTo = (masked: string) =>
    t.superuser.query<{ id: string; channel: string; locale: string; subject_line: string; body: string; status: string }>(
      "select id, channel, locale, subject_line, body, status from public.outbound_messages where workspace_id = $1 and recipient_masked = $2 order by created_at",
      [fx.workspaceId, masked],
    );
  const tokenIn = (body: string) => /\/double-opt-in\?token=(doi_[0-9a-f]{64})$/m.exec(body)?.[1];

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildApiFixture(t.db);
    useApiDatabaseForTests(t.db);
    await t.superuser.query("update public.purposes set double_opt_in = true where id = $1", [fx.purposes.marketing]);
  });
  afterAll(async () => {
    useApiDatabaseForTests(null);
    await t?.close();
  });

  it.skipIf(skip)("a double opt-in started in the embed queues its message, in the person's language, with an absolute link that confirms", async () => {
    const address = `${unique("embed")}@example.test`;
    const recorded = await call(consents, "/consents", { headers: embed(), body: consent({ kind: "email", value: address }, { locale: "zh-CN" }) });
    expect(recorded.status).toBe(201);
    const body = (await recorded.json()) as Record<string, unknown>;
    expect(body.states).toEqual([{ purposeId: fx.purposes.marketing, state: "requested" }]);
    expect(body).not.toHaveProperty("confirmationToken");
    expect(body).not.toHaveProperty("confirmationMessageId");

    const [message, ...others] = await messagesTo(`${address[0]}***@example.test`);
    expect(others).toHaveLength(0);
    expect(message).toMatchObject({ channel: "email", locale: "zh-CN", subject_line: "请确认您的订阅", status: "queued" });
    // Absolute: on the API's own origin (CONSENTRY_PUBLIC_URL is not set here), never the embedding site's.
    expect(message!.body).toMatch(new RegExp(`^${ORIGIN}/zh-CN/double-opt-in\\?token=doi_[0-9a-f]{64}$`, "m"));
    expect(message!.body).not.toContain(fx.allowedOrigin);
    expect(await ask({ kind: "email", value: address }, "marketing", "email")).toMatchObject({ allow: false, reason: "pending_double_opt_in" });

    const confirmed = await call(confirm, "/double-opt-in/confirm", { body: { token: tokenIn(message!.body) } });
    expect(confirmed.status).toBe(200);
    expect(await ask({ kind: "email", value: address }, "marketing", "email")).toMatchObject({ allow: true, reason: "consent_given" });
  });

  it.skipIf(skip)("a double opt-in started on a hosted page (same origin) gets its message too; a replay queues no second one", async () => {
    const address = `${unique("hosted")}@example.test`;
    const headers = { ...hosted(), "idempotency-key": unique("idem") };
    const body = consent({ kind: "email", value: address }, { locale: "zh-TW", channel: "store" });
    expect((await call(consents, "/consents", { headers, body })).status).toBe(201);
    expect((await call(consents, "/consents", { headers, body })).headers.get("idempotent-replayed")).toBe("true");
    const messages = await messagesTo(`${address[0]}***@example.test`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ locale: "zh-TW", subject_line: "請確認您的訂閱" });
    expect(messages[0]!.body).toContain(`${ORIGIN}/zh-TW/double-opt-in?token=doi_`);
    // A server-key caller gets the token itself and sends its own message: nothing is queued.
    const server = `${unique("server")}@example.test`;
    const answer = await call(consents, "/consents", { headers: secret(), body: consent({ kind: "email", value: server }) });
    expect(((await answer.json()) as { confirmationToken?: string }).confirmationToken).toMatch(/^doi_/);
    expect(await messagesTo(`${server[0]}***@example.test`)).toHaveLength(0);
  });

  it.skipIf(skip)("linking a device that gave a double opt-in purpose to an address does not allow that address until it confirms", async () => {
    const device = { kind: "device_id", value: unique("device") };
    const address = { kind: "email", value: `${unique("linked")}@example.test` };
    const given = await call(consents, "/consents", { headers: secret(), body: consent(device, { channel: "app" }) });
    expect(((await given.json()) as { states: unknown }).states).toEqual([{ purposeId: fx.purposes.marketing, state: "given" }]);
    expect(await ask(device, "marketing", "email")).toMatchObject({ allow: true });

    expect((await call(link, "/subjects/link", { headers: secret(), body: { from: device, to: address } })).status).toBe(200);
    expect(await ask(address, "marketing", "email")).toMatchObject({ allow: false, reason: "pending_double_opt_in" });
    // The ledger says why: a `requested` event under the address, after the device's `given`.
    const read = await call(history, `/subjects/history?kind=email&value=${encodeURIComponent(address.value)}`, { method: "GET", headers: secret() });
    const { events } = (await read.json()) as { events: { state: string; identifierKind: string; purposeId: string }[] };
    expect(events.filter((e) => e.purposeId === fx.purposes.marketing).map((e) => [e.state, e.identifierKind])).toEqual([
      ["given", "device_id"],
      ["requested", "email"],
    ]);
    // Purposes without double opt-in are untouched; the address gets the message and confirms.
    const [message] = await messagesTo(`${address.value[0]}***@example.test`);
    expect(message!.locale).toBe("en");
    expect(message!.body).toContain(`${ORIGIN}/en/double-opt-in?token=doi_`);
    expect((await call(confirm, "/double-opt-in/confirm", { body: { token: tokenIn(message!.body) } })).status).toBe(200);
    expect(await ask(address, "marketing", "email")).toMatchObject({ allow: true, reason: "consent_given" });

    // A confirmed address keeps its consent when another device joins it.
    const second = { kind: "device_id", value: unique("device") };
    expect((await call(link, "/subjects/link", { headers: secret(), body: { from: second, to: address } })).status).toBe(200);
    expect(await ask(address, "marketing", "email")).toMatchObject({ allow: true });
  });

  it.skipIf(skip)("linking the other way round (an address onto the device's subject) holds it as well", async () => {
    const device = { kind: "device_id", value: unique("device") };
    const phone = { kind: "phone", value: `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` };
    await call(consents, "/consents", { headers: secret(), body: consent(device, { channel: "app" }) });
    expect((await call(link, "/subjects/link", { headers: secret(), body: { from: phone, to: device } })).status).toBe(200);
    expect(await ask(phone, "marketing", "sms")).toMatchObject({ allow: false, reason: "pending_double_opt_in" });
    const [sms] = await t.superuser.query<{ channel: string; body: string }>(
      "select channel, body from public.outbound_messages where workspace_id = $1 and channel = 'sms' and body like '%double-opt-in?token=%' order by created_at desc limit 1",
      [fx.workspaceId],
    );
    expect(sms!.body).toMatch(new RegExp(`^${ORIGIN}/en/double-opt-in\\?token=doi_[0-9a-f]{64}$`, "m"));
  });

  it.skipIf(skip)("STOP, then a fresh opt-in with channels under \"*\", restores SMS", async () => {
    const phone = { kind: "phone", value: `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` };
    const optIn = (extra: Record<string, unknown> = {}) =>
      call(consents, "/consents", {
        headers: secret(),
        body: consent(phone, { decisions: [{ purposeId: fx.purposes.analytics, state: "given" }, { purposeId: fx.purposes.marketing, state: "given" }], preferences: { channels: { "*": ["sms", "email"] } }, ...extra }),
      });
    // Double opt-in is not what this is about.
    await t.superuser.query("update public.purposes set double_opt_in = false where id = $1", [fx.purposes.marketing]);
    try {
      const first = await optIn();
      expect(first.status).toBe(201);
      const { subjectId } = (await first.json()) as { subjectId: string };
      expect(await ask(phone, "marketing", "sms")).toMatchObject({ allow: true });
      const stop = await call(smsInbound, "/sms/inbound", { headers: secret(), body: { phone: phone.value, text: "STOP" } });
      expect(((await stop.json()) as { withdrawn: boolean }).withdrawn).toBe(true);
      expect(await ask(phone, "marketing", "sms")).toMatchObject({ allow: false, reason: "channel_not_allowed" });
      expect(await ask(phone, "marketing", "email")).toMatchObject({ allow: true });

      const again = await optIn();
      expect(((await again.json()) as { states: { state: string }[] }).states.map((s) => s.state)).toEqual(["renewed_given", "renewed_given"]);
      expect(await ask(phone, "marketing", "sms")).toMatchObject({ allow: true, reason: "consent_given" });
      expect(await ask(phone, "analytics", "sms")).toMatchObject({ allow: true });
      const [stored] = await t.superuser.query<{ channels: Record<string, string[]> }>("select channels from public.preferences where subject_id = $1", [subjectId]);
      expect(stored!.channels).toEqual({ "*": ["sms", "email"] });
    } finally {
      await t.superuser.query("update public.purposes set double_opt_in = true where id = $1", [fx.purposes.marketing]);
    }
  });

  it.skipIf(skip)("the expiry sweep writes `expired` once, announced in the outbox and shown in the history and the timeline", async () => {
    await t.superuser.query("update public.purposes set consent_valid_days = 1 where id = $1", [fx.purposes.analytics]);
    try {
      const member = { kind: "member_id", value: unique("member") };
      const recorded = await call(consents, "/consents", { headers: secret(), body: consent(member, { decisions: [{ purposeId: fx.purposes.analytics, state: "given" }] }) });
      const { subjectId } = (await recorded.json()) as { subjectId: string };
      // Tomorrow is not yet due; the day after is. A fixed "now": no test waits for time to pass.
      const tomorrow = new Date(Date.now() + 20 * 3600 * 1000);
      expect((await runExpiryOnce(t.db, tomorrow)).find((row) => row.workspaceId === fx.workspaceId)).toBeUndefined();
      const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
      const swept = await runExpiryOnce(t.db, later);
      expect(swept.find((row) => row.workspaceId === fx.workspaceId)?.expired).toBeGreaterThanOrEqual(1);
      expect((await runExpiryOnce(t.db, later)).find((row) => row.workspaceId === fx.workspaceId)).toBeUndefined();

      const read = await call(history, `/subjects/history?kind=member_id&value=${member.value}`, { method: "GET", headers: secret() });
      const { events } = (await read.json()) as { events: { id: string; state: string; method: string; receivedAt: string }[] };
      expect(events.map((e) => [e.state, e.method])).toEqual([
        ["given", "save"],
        ["expired", "expiry"],
      ]);
      // Oldest first, as the OpenAPI document says.
      const times = events.map((e) => new Date(e.receivedAt).getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const outbox = await t.superuser.query<{ states: string[] }>(
        "select array(select x ->> 'state' from jsonb_array_elements(payload -> 'events') x) as states from public.outbox where subject_id = $1 order by id",
        [subjectId],
      );
      expect(outbox.map((row) => row.states)).toEqual([["given"], ["expired"]]);

      const owner = { kind: "authenticated" as const, claims: claimsFor(fx.ownerId, `owner-${fx.ownerId}@example.test`) };
      const timeline = await runAsCaller(t.db, owner, (sql) => subjectTimeline(sql, fx.workspaceId, subjectId));
      expect(timeline!.events.map((entry) => entry.event.state)).toEqual(["given", "expired"]);
      expect(timeline!.chains.every((chain) => chain.valid)).toBe(true);
      // The export (newest first) carries it as well.
      const exported = await runAsCaller(t.db, owner, async (sql) => {
        const lines: string[] = [];
        for await (const batch of streamRecords(sql, fx.workspaceId, { subject: subjectId, state: "expired" }, { format: "ndjson" })) lines.push(...batch);
        return lines;
      });
      expect(exported).toHaveLength(1);
      expect(exported[0]).toContain('"expiry"');
    } finally {
      await t.superuser.query("update public.purposes set consent_valid_days = null where id = $1", [fx.purposes.analytics]);
    }
  });

  it.skipIf(skip)("a decision names each event once in its evidence", async () => {
    const member = { kind: "member_id", value: unique("evidence") };
    const recorded = await call(consents, "/consents", {
      headers: secret(),
      body: consent(member, { decisions: [{ purposeId: fx.purposes.analytics, state: "given" }], preferences: { channels: { "*": ["email"] } } }),
    });
    const { eventIds } = (await recorded.json()) as { eventIds: string[] };
    expect((await ask(member, "analytics", "email")).evidence).toEqual(eventIds);
  });

  it.skipIf(skip)("OpenAPI documents the decision answer: every reason code, evidence and cacheSeconds; and the history's order", async () => {
    const doc = (await (await openapi()).json()) as { paths: Record<string, Record<string, { responses: Record<string, { description: string; content: Record<string, { schema: Record<string, unknown> }> }> }>> };
    const resolve = (schema: Record<string, unknown>): Record<string, unknown> => {
      const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
      return typeof schema.$ref === "string" ? defs[schema.$ref.replace("#/$defs/", "")]! : schema;
    };
    const one = resolve(doc.paths["/decisions"]!.post!.responses["200"]!.content["application/json"]!.schema);
    const properties = one.properties as Record<string, { enum?: string[]; type?: string; description?: string; items?: unknown }>;
    expect(one.required).toEqual(expect.arrayContaining(["allow", "reason", "evidence", "cacheSeconds"]));
    expect(properties.reason!.enum).toEqual([...DECISION_REASONS]);
    expect(DECISION_REASONS).toHaveLength(12);
    for (const reason of DECISION_REASONS) expect(properties.reason!.description).toContain(reason);
    expect(properties.evidence!.type).toBe("array");
    expect(properties.evidence!.description).toMatch(/each once/);
    expect(properties.cacheSeconds!.type).toBe("integer");
    const batch = doc.paths["/decisions/batch"]!.post!.responses["200"]!.content["application/json"]!.schema;
    expect(JSON.stringify(batch)).toContain("cacheSeconds");
    expect(doc.paths["/subjects/history"]!.get!.responses["200"]!.description).toMatch(/oldest first/);
    expect(doc.paths["/experiences/{publicId}/live"]!.get!.responses["200"]!.description).toContain("stale-while-revalidate=60");
  });
});
