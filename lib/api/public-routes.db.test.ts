import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as consents, OPTIONS as consentsPreflight } from "@/app/api/v1/consents/route";
import { POST as contacts } from "@/app/api/v1/contacts/route";
import { POST as decisionsBatch } from "@/app/api/v1/decisions/batch/route";
import { POST as decisions } from "@/app/api/v1/decisions/route";
import { POST as confirmDoubleOptIn } from "@/app/api/v1/double-opt-in/confirm/route";
import { recordConsentResponse } from "@/app/api/v1/consents/schema";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { POST as smsInbound } from "@/app/api/v1/sms/inbound/route";
import { GET as history } from "@/app/api/v1/subjects/history/route";
import { POST as link } from "@/app/api/v1/subjects/link/route";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { revokeApiKey } from "@/lib/consent/api-keys";
import { API_ERROR_CODES } from "./codes";
import { useApiDatabaseForTests } from "./context";
import { flushRequestCounts } from "./rate-limit";
import { buildApiFixture, type ApiFixture } from "./testing/api-fixture";

/**
 * The public routes called as Next calls them (a Request in, a Response out) against a real
 * database on both engines. R4 in small: every bad request is a 4xx with its code and a
 * message, and stores nothing.
 */

type Handler = (request: Request) => Promise<Response>;
const BASE = "http://localhost:3000/api/v1";
const LEDGER_TABLES = ["consent_events", "consent_state", "subjects", "subject_identifiers", "preferences", "contact_log", "idempotency_keys"];

function call(handler: Handler, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return handler(
    new Request(`${BASE}${path}`, {
      method: init.method ?? "POST",
      headers: { "content-type": "application/json", ...init.headers },
      ...(body === undefined ? {} : { body }),
    }),
  );
}

interface Case {
  name: string;
  handler: Handler;
  path: string;
  method?: string;
  headers?: (fx: ApiFixture) => Record<string, string>;
  body?: (fx: ApiFixture) => unknown;
  status: number;
  code: string;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const all = (fx: ApiFixture) => bearer(fx.keys.all);
const browser = (fx: ApiFixture) => ({ "x-consentry-key": fx.publicKey, origin: fx.allowedOrigin });

function consent(fx: ApiFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    experienceVersionId: fx.versionId,
    subject: { kind: "email", value: "ada@example.test" },
    channel: "web",
    method: "save",
    locale: "en",
    region: { code: "CN", resolvedBy: "geoip" },
    decisions: [{ purposeId: fx.purposes.analytics, state: "given" }],
    ...overrides,
  };
}
const decision = (fx: ApiFixture, overrides: Record<string, unknown> = {}) => ({
  subject: { kind: "email", value: "ada@example.test" },
  purpose: fx.purposes.analytics,
  channel: "email",
  ...overrides,
});
const contact = (fx: ApiFixture, overrides: Record<string, unknown> = {}) => ({
  subject: { kind: "email", value: "ada@example.test" },
  channel: "email",
  purposeId: fx.purposes.marketing,
  contactedAt: new Date().toISOString(),
  ...overrides,
});
const NIL = "00000000-0000-4000-8000-000000000000";

const CASES: Case[] = [
  // Framing: content type, size, JSON.
  { name: "malformed JSON", handler: consents, path: "/consents", headers: all, body: () => '{"subject": ', status: 400, code: "malformed_json" },
  { name: "empty body", handler: consents, path: "/consents", headers: all, body: () => "", status: 400, code: "malformed_json" },
  { name: "JSON with a trailing comma", handler: decisions, path: "/decisions", headers: all, body: () => '{"a": 1,}', status: 400, code: "malformed_json" },
  { name: "text/plain body", handler: consents, path: "/consents", headers: (fx) => ({ ...all(fx), "content-type": "text/plain" }), body: (fx) => consent(fx), status: 415, code: "unsupported_media_type" },
  { name: "form-encoded body", handler: decisions, path: "/decisions", headers: (fx) => ({ ...all(fx), "content-type": "application/x-www-form-urlencoded" }), body: () => "a=1", status: 415, code: "unsupported_media_type" },
  { name: "body over 64 KB", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { context: { pageUrl: "x".repeat(70_000) } }), status: 413, code: "body_too_large" },
  { name: "Content-Length over 64 KB", handler: decisions, path: "/decisions", headers: (fx) => ({ ...all(fx), "content-length": "100000" }), body: (fx) => decision(fx), status: 413, code: "body_too_large" },
  { name: "a JSON array instead of an object", handler: consents, path: "/consents", headers: all, body: () => [1, 2], status: 400, code: "invalid_body" },
  { name: "a JSON string", handler: decisions, path: "/decisions", headers: all, body: () => '"hello"', status: 400, code: "invalid_body" },
  { name: "null", handler: contacts, path: "/contacts", headers: all, body: () => "null", status: 400, code: "invalid_body" },
  // Credentials.
  { name: "no key at all", handler: consents, path: "/consents", body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "malformed bearer", handler: consents, path: "/consents", headers: () => ({ authorization: "Bearer nope" }), body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "Basic auth", handler: decisions, path: "/decisions", headers: () => ({ authorization: "Basic dXNlcjpwYXNz" }), body: (fx) => decision(fx), status: 401, code: "invalid_api_key" },
  { name: "unknown secret key", handler: consents, path: "/consents", headers: () => bearer(`csk_deadbeef_${"a".repeat(32)}`), body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "revoked key", handler: consents, path: "/consents", headers: (fx) => bearer(fx.keys.revoked), body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "revoked key on decisions", handler: decisions, path: "/decisions", headers: (fx) => bearer(fx.keys.revoked), body: (fx) => decision(fx), status: 401, code: "invalid_api_key" },
  { name: "read-only key writes consent", handler: consents, path: "/consents", headers: (fx) => bearer(fx.keys.readOnly), body: (fx) => consent(fx), status: 403, code: "insufficient_scope" },
  { name: "write-only key asks a decision", handler: decisions, path: "/decisions", headers: (fx) => bearer(fx.keys.writeOnly), body: (fx) => decision(fx), status: 403, code: "insufficient_scope" },
  { name: "write-only key logs a contact", handler: contacts, path: "/contacts", headers: (fx) => bearer(fx.keys.writeOnly), body: (fx) => contact(fx), status: 403, code: "insufficient_scope" },
  { name: "read-only key links subjects", handler: link, path: "/subjects/link", headers: (fx) => bearer(fx.keys.readOnly), body: () => ({}), status: 403, code: "insufficient_scope" },
  { name: "public key on a server-only route", handler: decisions, path: "/decisions", headers: browser, body: (fx) => decision(fx), status: 401, code: "invalid_api_key" },
  { name: "malformed public key", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), "x-consentry-key": "pk_123" }), body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "unknown public key", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), "x-consentry-key": `pk_${"0".repeat(32)}` }), body: (fx) => consent(fx), status: 401, code: "invalid_api_key" },
  { name: "public key from a wrong origin", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), origin: "https://evil.example" }), body: (fx) => consent(fx), status: 403, code: "origin_not_allowed" },
  { name: "public key with no origin", handler: consents, path: "/consents", headers: (fx) => ({ "x-consentry-key": fx.publicKey }), body: (fx) => consent(fx), status: 403, code: "origin_not_allowed" },
  { name: "public key from origin null", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), origin: "null" }), body: (fx) => consent(fx), status: 403, code: "origin_not_allowed" },
  { name: "lookalike origin (port)", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), origin: "https://shop.example:8443" }), body: (fx) => consent(fx), status: 403, code: "origin_not_allowed" },
  { name: "lookalike origin (subdomain)", handler: consents, path: "/consents", headers: (fx) => ({ ...browser(fx), origin: "https://shop.example.evil.test" }), body: (fx) => consent(fx), status: 403, code: "origin_not_allowed" },
  { name: "browser names another experience", handler: consents, path: "/consents", headers: browser, body: (fx) => consent(fx, { experience: "x" + "0".repeat(20) }), status: 404, code: "experience_not_found" },
  // Consent body.
  { name: "unknown top-level field", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { admin: true }), status: 400, code: "invalid_body" },
  { name: "unknown nested field", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { region: { code: "CN", resolvedBy: "geoip", extra: 1 } }), status: 400, code: "invalid_body" },
  { name: "__proto__ field", handler: consents, path: "/consents", headers: all, body: (fx) => `{"__proto__": {"x": 1}, ${JSON.stringify(consent(fx)).slice(1)}`, status: 400, code: "invalid_body" },
  { name: "missing subject", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: undefined }), status: 400, code: "invalid_body" },
  { name: "unknown identifier kind", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "passport", value: "X1" } }), status: 400, code: "invalid_body" },
  { name: "bad email", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "email", value: "not-an-email" } }), status: 400, code: "invalid_body" },
  { name: "bad phone", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "phone", value: "call me" } }), status: 400, code: "invalid_body" },
  { name: "empty device id", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "device_id", value: "   " } }), status: 400, code: "invalid_body" },
  { name: "identifier with control characters", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "member_id", value: "a\u0000b" } }), status: 400, code: "invalid_body" },
  { name: "identifier as a number", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "member_id", value: 42 } }), status: 400, code: "invalid_body" },
  { name: "unknown collection channel", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { channel: "fax" }), status: 400, code: "invalid_body" },
  { name: "ledger-only method", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { method: "expiry" }), status: 400, code: "invalid_body" },
  { name: "bad locale", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { locale: "English!" }), status: 400, code: "invalid_body" },
  { name: "region without resolvedBy", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { region: { code: "CN" } }), status: 400, code: "invalid_body" },
  { name: "no decisions", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [] }), status: 400, code: "invalid_body" },
  { name: "51 decisions", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: Array.from({ length: 51 }, () => ({ purposeId: fx.purposes.analytics, state: "given" })) }), status: 400, code: "invalid_body" },
  { name: "decision state 'maybe'", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [{ purposeId: fx.purposes.analytics, state: "maybe" }] }), status: 400, code: "invalid_body" },
  { name: "decision state as boolean", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [{ purposeId: fx.purposes.analytics, state: true }] }), status: 400, code: "invalid_body" },
  { name: "purpose id not a uuid", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [{ purposeId: "analytics", state: "given" }] }), status: 400, code: "invalid_body" },
  { name: "version id not a uuid", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { experienceVersionId: "v1" }), status: 400, code: "invalid_body" },
  { name: "occurredAt not a date", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { occurredAt: "yesterday" }), status: 400, code: "invalid_body" },
  { name: "occurredAt in year 1900", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { occurredAt: "1900-01-01T00:00:00Z" }), status: 400, code: "invalid_body" },
  { name: "occurredAt next year", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { occurredAt: new Date(Date.now() + 366 * 86_400_000).toISOString() }), status: 400, code: "invalid_body" },
  { name: "occurredAt a week ago (not an import)", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { occurredAt: new Date(Date.now() - 7 * 86_400_000).toISOString() }), status: 422, code: "invalid_event_time" },
  { name: "frequency cap of 0", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { preferences: { frequencyCap: { max: 0, period: "week" } } }), status: 400, code: "invalid_body" },
  { name: "quiet hours 25:00", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { preferences: { quietHours: { start: "25:00", end: "07:00", timeZone: "Asia/Shanghai" } } }), status: 400, code: "invalid_body" },
  { name: "quiet hours in an unknown zone", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { preferences: { quietHours: { start: "22:00", end: "07:00", timeZone: "Mars/Olympus" } } }), status: 422, code: "invalid_request" },
  { name: "withdrawUrl javascript:", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { withdrawUrl: "javascript:alert(1)" }), status: 400, code: "invalid_body" },
  // Validation against the published version.
  { name: "unknown experience version", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { experienceVersionId: NIL }), status: 422, code: "unknown_experience_version" },
  { name: "purpose not in the version", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [{ purposeId: fx.purposes.other, state: "given" }] }), status: 422, code: "unknown_purpose" },
  { name: "purpose of nobody", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { decisions: [{ purposeId: NIL, state: "given" }] }), status: 422, code: "unknown_purpose" },
  { name: "contact channel not offered", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { preferences: { channels: { "*": ["wechat"] } } }), status: 422, code: "unknown_channel" },
  { name: "topic not offered", handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { preferences: { topics: [NIL] } }), status: 422, code: "unknown_topic" },
  { name: "browser: purpose not in the live version", handler: consents, path: "/consents", headers: browser, body: (fx) => consent(fx, { decisions: [{ purposeId: fx.purposes.other, state: "given" }] }), status: 422, code: "unknown_purpose" },
  { name: "browser: store channel", handler: consents, path: "/consents", headers: browser, body: (fx) => consent(fx, { channel: "store" }), status: 422, code: "invalid_request" },
  // Idempotency key form.
  { name: "Idempotency-Key too long", handler: consents, path: "/consents", headers: (fx) => ({ ...all(fx), "idempotency-key": "k".repeat(201) }), body: (fx) => consent(fx), status: 400, code: "invalid_idempotency_key" },
  { name: "Idempotency-Key empty", handler: consents, path: "/consents", headers: (fx) => ({ ...all(fx), "idempotency-key": "" }), body: (fx) => consent(fx), status: 400, code: "invalid_idempotency_key" },
  // Decisions.
  { name: "decision: unknown contact channel", handler: decisions, path: "/decisions", headers: all, body: (fx) => decision(fx, { channel: "fax" }), status: 400, code: "invalid_body" },
  { name: "decision: purpose neither id nor key", handler: decisions, path: "/decisions", headers: all, body: (fx) => decision(fx, { purpose: "Not A Key!" }), status: 400, code: "invalid_body" },
  { name: "decision: at is a number", handler: decisions, path: "/decisions", headers: all, body: (fx) => decision(fx, { at: 1_700_000_000 }), status: 400, code: "invalid_body" },
  { name: "decision: unknown field", handler: decisions, path: "/decisions", headers: all, body: (fx) => decision(fx, { force: true }), status: 400, code: "invalid_body" },
  { name: "batch: 501 requests", handler: decisionsBatch, path: "/decisions/batch", headers: all, body: (fx) => ({ requests: Array.from({ length: 501 }, () => decision(fx)) }), status: 400, code: "invalid_body" },
  { name: "batch: empty", handler: decisionsBatch, path: "/decisions/batch", headers: all, body: () => ({ requests: [] }), status: 400, code: "invalid_body" },
  { name: "batch: not a list", handler: decisionsBatch, path: "/decisions/batch", headers: all, body: (fx) => ({ requests: decision(fx) }), status: 400, code: "invalid_body" },
  // Contacts, links, SMS, double opt-in, history.
  { name: "contact: unknown subject", handler: contacts, path: "/contacts", headers: all, body: (fx) => contact(fx, { subject: { kind: "email", value: "nobody@example.test" } }), status: 404, code: "unknown_subject" },
  { name: "contact: in the future", handler: contacts, path: "/contacts", headers: all, body: (fx) => contact(fx, { contactedAt: new Date(Date.now() + 3_600_000).toISOString() }), status: 422, code: "invalid_event_time" },
  { name: "contact: externalId too long", handler: contacts, path: "/contacts", headers: all, body: (fx) => contact(fx, { externalId: "e".repeat(201) }), status: 400, code: "invalid_body" },
  { name: "link: identifier to itself", handler: link, path: "/subjects/link", headers: all, body: () => ({ from: { kind: "device_id", value: "d1" }, to: { kind: "device_id", value: "d1" } }), status: 422, code: "invalid_request" },
  { name: "link: missing to", handler: link, path: "/subjects/link", headers: all, body: () => ({ from: { kind: "device_id", value: "d1" } }), status: 400, code: "invalid_body" },
  { name: "sms: no phone", handler: smsInbound, path: "/sms/inbound", headers: all, body: () => ({ text: "TD" }), status: 400, code: "invalid_body" },
  { name: "sms: text too long", handler: smsInbound, path: "/sms/inbound", headers: all, body: () => ({ phone: "+8613800138000", text: "x".repeat(1601) }), status: 400, code: "invalid_body" },
  { name: "sms: read-only key", handler: smsInbound, path: "/sms/inbound", headers: (fx) => bearer(fx.keys.readOnly), body: () => ({ phone: "+8613800138000", text: "TD" }), status: 403, code: "insufficient_scope" },
  { name: "confirm: unknown token", handler: confirmDoubleOptIn, path: "/double-opt-in/confirm", body: () => ({ token: "dt_" + "a".repeat(40) }), status: 404, code: "confirmation_invalid" },
  { name: "confirm: token with spaces", handler: confirmDoubleOptIn, path: "/double-opt-in/confirm", body: () => ({ token: "a b c" }), status: 400, code: "invalid_body" },
  { name: "history: no kind", handler: history, path: "/subjects/history?value=a@b.c", method: "GET", headers: all, status: 400, code: "invalid_query" },
  { name: "history: unknown kind", handler: history, path: "/subjects/history?kind=ssn&value=1", method: "GET", headers: all, status: 400, code: "invalid_query" },
  { name: "history: extra parameter", handler: history, path: "/subjects/history?kind=email&value=a@b.c&all=1", method: "GET", headers: all, status: 400, code: "invalid_query" },
  // Strings no database text can hold (issue 15, item 5): NUL and unpaired surrogates, in every field that once answered 500.
  ...(["\u0000", "\uD800", "\uDFFF", "a\uDC00b"] as const).flatMap((bad): Case[] => {
    const label = JSON.stringify(bad);
    return [
      { name: `context.pageUrl with ${label}`, handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { context: { pageUrl: `https://shop.example/${bad}` } }), status: 400, code: "invalid_body" },
      { name: `context.userAgent with ${label}`, handler: consents, path: "/consents", headers: browser, body: (fx) => consent(fx, { context: { userAgent: `UA ${bad}` } }), status: 400, code: "invalid_body" },
      { name: `subject.value with ${label}`, handler: consents, path: "/consents", headers: all, body: (fx) => consent(fx, { subject: { kind: "member_id", value: `m${bad}1` } }), status: 400, code: "invalid_body" },
      { name: `a key with ${label}`, handler: consents, path: "/consents", headers: all, body: (fx) => ({ ...consent(fx), [`x${bad}`]: 1 }), status: 400, code: "invalid_body" },
      { name: `contact externalId with ${label}`, handler: contacts, path: "/contacts", headers: all, body: (fx) => contact(fx, { externalId: `e${bad}` }), status: 400, code: "invalid_body" },
      { name: `sms text with ${label}`, handler: smsInbound, path: "/sms/inbound", headers: all, body: () => ({ phone: "+8613800138000", text: `TD${bad}` }), status: 400, code: "invalid_body" },
    ];
  }),
  // A URL carries no unpaired surrogate (undecodable bytes become U+FFFD), but a NUL it does.
  { name: "history value with a NUL", handler: history, path: "/subjects/history?kind=member_id&value=m%00", method: "GET", headers: all, status: 400, code: "invalid_query" },
  { name: "history: write-only key", handler: history, path: "/subjects/history?kind=email&value=a@b.c", method: "GET", headers: (fx) => bearer(fx.keys.writeOnly), status: 403, code: "insufficient_scope" },
];

describe.each(TEST_TARGETS)("public API routes on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: ApiFixture;

  async function ledgerCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of LEDGER_TABLES) {
      const [row] = await t.superuser.query<{ n: number }>(`select count(*)::int as n from public.${table} where workspace_id = $1`, [fx.workspaceId]);
      counts[table] = row!.n;
    }
    return counts;
  }

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildApiFixture(t.db);
    useApiDatabaseForTests(t.db);
    // A subject for the cases that need one to exist (contacts, decisions).
    const seeded = await call(consents, "/consents", { headers: all(fx), body: consent(fx) });
    expect(seeded.status).toBe(201);
  });
  afterAll(async () => {
    useApiDatabaseForTests(null);
    await t?.close();
  });

  it.skipIf(skip)(`has at least 50 bad-input cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.skipIf(skip).each(CASES)("refuses $name: $status $code, nothing stored", async (c) => {
    const before = await ledgerCounts();
    const response = await call(c.handler, c.path, { method: c.method, headers: c.headers?.(fx), body: c.body?.(fx) });
    const payload = (await response.json()) as { error?: { code: string; message: string } };
    expect({ status: response.status, code: payload.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(payload.error!.message.trim()).not.toBe("");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await ledgerCounts()).toEqual(before);
  });

  it.skipIf(skip)("records from an allowed origin, echoes it for CORS and hides double opt-in tokens", async () => {
    const response = await call(consents, "/consents", { headers: browser(fx), body: consent(fx, { subject: { kind: "device_id", value: "dev-1" } }) });
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBe(fx.allowedOrigin);
    const body = (await response.json()) as { eventIds: string[]; confirmationToken?: string };
    expect(body.eventIds).toHaveLength(1);
    expect(body).not.toHaveProperty("confirmationToken");
  });

  it.skipIf(skip)("records from the app's own page at whatever address it was reached, with a receipt; never for another site", async () => {
    // Next's request.url names the address the server listens on (localhost); the browser reached 127.0.0.1.
    const own = { "x-consentry-key": fx.publicKey, host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };
    const response = await call(consents, "/consents", { headers: own, body: consent(fx, { subject: { kind: "device_id", value: "dev-own" } }) });
    expect(response.status).toBe(201);
    // The answer is exactly what the OpenAPI document says (a strict schema: nothing undocumented).
    const body = recordConsentResponse.parse(await response.json()) as { eventIds: string[]; receiptId: string; receiptToken: string };
    expect(body.receiptToken).toMatch(/^rct_/);
    const [read] = await t.superuser.query<{ receipt: { action: string; events: { id: string }[]; notices: unknown[] } }>(
      "select public.read_consent_receipt($1, $2) as receipt",
      [body.receiptId, body.receiptToken],
    );
    expect(read!.receipt.action).toBe("decision");
    expect(read!.receipt.events.map((event) => event.id)).toEqual(body.eventIds);
    expect(Array.isArray(read!.receipt.notices)).toBe(true);

    // An allowed customer site records, but gets no receipt; a site that merely claims our Host is refused.
    const embedded = await call(consents, "/consents", { headers: browser(fx), body: consent(fx, { subject: { kind: "device_id", value: "dev-site" } }) });
    const site = recordConsentResponse.parse(await embedded.json());
    expect(site).not.toHaveProperty("receiptId");
    const forged = await call(consents, "/consents", { headers: { ...own, origin: "https://evil.example" }, body: consent(fx, { subject: { kind: "device_id", value: "dev-evil" } }) });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");

    // The database makes receipts only of fresh events of one subject on the key's experience.
    await expect(t.superuser.query("select private.new_decision_receipt($1, array[$2]::uuid[])", [fx.publicKey, NIL])).rejects.toThrow(/invalid_input/);
    await expect(t.superuser.query("select private.new_decision_receipt($1, $2::uuid[])", [fx.publicKey, [...body.eventIds, ...site.eventIds]])).rejects.toThrow(/invalid_input/);
  });

  it.skipIf(skip)("answers preflights for allowed origins only, never with *", async () => {
    const ok = await consentsPreflight(new Request(`${BASE}/consents`, { method: "OPTIONS", headers: { origin: fx.allowedOrigin, "access-control-request-method": "POST" } }));
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(fx.allowedOrigin);
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/X-Consentry-Key/);
    const refused = await consentsPreflight(new Request(`${BASE}/consents`, { method: "OPTIONS", headers: { origin: "https://evil.example" } }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it.skipIf(skip)("replays the same key and body, refuses the same key with another body", async () => {
    const key = `idem-${randomBytes(6).toString("hex")}`;
    const body = consent(fx, { subject: { kind: "email", value: "replay@example.test" } });
    const first = await call(consents, "/consents", { headers: { ...all(fx), "idempotency-key": key }, body });
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const before = await ledgerCounts();
    const again = await call(consents, "/consents", { headers: { ...all(fx), "idempotency-key": key }, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    const other = await call(consents, "/consents", { headers: { ...all(fx), "idempotency-key": key }, body: { ...body, locale: "zh-CN" } });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
    expect(await ledgerCounts()).toEqual(before);
  });

  it.skipIf(skip)("two identical requests racing record one set of events", async () => {
    const key = `race-${randomBytes(6).toString("hex")}`;
    const body = consent(fx, { subject: { kind: "email", value: `race-${key}@example.test` } });
    const before = await ledgerCounts();
    const responses = await Promise.all(
      [0, 1, 2].map(() => call(consents, "/consents", { headers: { ...all(fx), "idempotency-key": key }, body })),
    );
    const statuses = responses.map((r) => r.status).sort();
    // Each is either the first result (201, maybe replayed) or told the first is still running (409).
    for (const status of statuses) expect([201, 409]).toContain(status);
    expect(statuses).toContain(201);
    const after = await ledgerCounts();
    expect(after.consent_events! - before.consent_events!).toBe(1);
    expect(after.idempotency_keys! - before.idempotency_keys!).toBe(1);
  });

  it.skipIf(skip)("answers in the caller's language", async () => {
    const zhCN = await call(consents, "/consents", { headers: { ...all(fx), "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" }, body: "{" });
    expect(((await zhCN.json()) as { error: { message: string } }).error.message).toBe("请求正文不是有效的 JSON。");
    const zhTW = await call(consents, "/consents", { headers: { ...all(fx), "accept-language": "zh-TW" }, body: "{" });
    expect(((await zhTW.json()) as { error: { message: string } }).error.message).toBe("請求內文不是有效的 JSON。");
    const fr = await call(consents, "/consents", { headers: { ...all(fx), "accept-language": "fr-FR" }, body: "{" });
    expect(((await fr.json()) as { error: { message: string } }).error.message).toBe("The request body is not valid JSON.");
  });

  it.skipIf(skip)("names unknown fields in details and message", async () => {
    const response = await call(consents, "/consents", { headers: all(fx), body: consent(fx, { admin: true }) });
    const { error } = (await response.json()) as { error: { message: string; details: { unknownFields: string[] } } };
    expect(error.details.unknownFields).toEqual(["admin"]);
    expect(error.message).toContain("admin");
  });

  it.skipIf(skip)("decides over HTTP with Cache-Control, by id and by key, singly and in batches", async () => {
    const one = await call(decisions, "/decisions", { headers: all(fx), body: decision(fx) });
    expect(one.status).toBe(200);
    const answer = (await one.json()) as { allow: boolean; reason: string; evidence: string[]; cacheSeconds: number };
    expect(answer.allow).toBe(true);
    expect(answer.evidence.length).toBeGreaterThan(0);
    expect(one.headers.get("cache-control")).toBe(`private, max-age=${answer.cacheSeconds}`);
    const batch = await call(decisionsBatch, "/decisions/batch", {
      headers: all(fx),
      body: { requests: [decision(fx), decision(fx, { purpose: "marketing" }), decision(fx, { subject: { kind: "email", value: "nobody@example.test" } })] },
    });
    expect(batch.status).toBe(200);
    const { decisions: answers } = (await batch.json()) as { decisions: { allow: boolean; reason: string }[] };
    expect(answers.map((a) => a.allow)).toEqual([true, false, false]);
    expect(answers[2]!.reason).toBe("unknown_subject");
  });

  it.skipIf(skip)("logs contacts, links subjects, reads history, takes SMS keywords", async () => {
    const logged = await call(contacts, "/contacts", { headers: all(fx), body: contact(fx) });
    expect(logged.status).toBe(201);
    const linked = await call(link, "/subjects/link", {
      headers: all(fx),
      body: { from: { kind: "device_id", value: "dev-1" }, to: { kind: "email", value: "ada@example.test" } },
    });
    expect(linked.status).toBe(200);
    const read = await call(history, "/subjects/history?kind=email&value=ada@example.test", { method: "GET", headers: all(fx) });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { events: unknown[] }).events.length).toBeGreaterThanOrEqual(2);
    const sms = await call(smsInbound, "/sms/inbound", { headers: all(fx), body: { phone: "+8613800138000", text: "TD" } });
    expect(sms.status).toBe(200);
  });

  it.skipIf(skip)("rate-limits per caller in the database with Retry-After", async () => {
    await t.superuser.query("insert into private.api_rate_limit_overrides (subject, max_hits) values ($1, 2)", [
      `key:${(await t.superuser.query<{ id: string }>("select id from public.api_keys where workspace_id = $1 and scopes = '{decisions:read}'", [fx.workspaceId]))[0]!.id}`,
    ]);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await call(decisions, "/decisions", { headers: bearer(fx.keys.readOnly), body: decision(fx) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  it.skipIf(skip)("remembers verified keys, yet refuses a revoked key and accepts a newly allowed origin at once", async () => {
    const [key] = await t.superuser.query<{ id: string }>("select id from public.api_keys where workspace_id = $1 and scopes = '{consent:write}'", [fx.workspaceId]);
    const write = () => call(consents, "/consents", { headers: bearer(fx.keys.writeOnly), body: consent(fx) });
    expect((await write()).status).toBe(201);
    expect((await write()).status).toBe(201); // from the remembered key
    await revokeApiKey(t.db, fx.workspaceId, key!.id);
    const refused = await write();
    expect(refused.status).toBe(401);

    const origin = "https://new-shop.example";
    const fromNewShop = () => call(consents, "/consents", { headers: { ...browser(fx), origin }, body: consent(fx) });
    expect((await call(consents, "/consents", { headers: browser(fx), body: consent(fx) })).status).toBe(201);
    expect((await fromNewShop()).status).toBe(403);
    // As the owner on the console (the experience records who changed it).
    await t.superuser.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: fx.ownerId, role: "authenticated" })]);
      await tx.query("update public.experiences set allowed_origins = allowed_origins || $2::text where id = $1", [fx.experienceId, origin]);
    });
    expect((await fromNewShop()).status).toBe(201);
  });

  it.skipIf(skip)("notes every refused origin of POST /consents for the console: refused by the key's check and by the database", async () => {
    const refusedOrigins = async () =>
      (await t.superuser.query<{ origin: string }>("select origin from public.refused_origins where experience_id = $1 order by origin", [fx.experienceId])).map((row) => row.origin);
    const asOwner = (statement: string, origin: string) =>
      t.superuser.transaction(async (tx) => {
        await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: fx.ownerId, role: "authenticated" })]);
        await tx.query(statement, [fx.experienceId, origin]);
      });
    const from = (origin: string) => call(consents, "/consents", { headers: { ...browser(fx), origin }, body: consent(fx, { subject: { kind: "device_id", value: "dev-refused" } }) });

    // A site the experience does not allow: refused where the key is checked.
    const stranger = "https://stranger.example";
    expect((await from(stranger)).status).toBe(403);
    expect(await refusedOrigins()).toContain(stranger);

    // A site removed a moment ago: the remembered key still lets it through, the database refuses.
    const former = "https://former-shop.example";
    await asOwner("update public.experiences set allowed_origins = allowed_origins || $2::text where id = $1", former);
    expect((await from(former)).status).toBe(201);
    await asOwner("update public.experiences set allowed_origins = array_remove(allowed_origins, $2::text) where id = $1", former);
    const refused = await from(former);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
    expect(await refusedOrigins()).toContain(former);
  });

  it.skipIf(skip)("counts requests in memory and adds them to the shared counters", async () => {
    const [key] = await t.superuser.query<{ id: string }>("select id from public.api_keys where workspace_id = $1 and scopes @> '{contacts:write}'", [fx.workspaceId]);
    const bucket = `decisions|key:${key!.id}`;
    // The counters of one 60-second window; a flush in a new window drops the earlier ones.
    const windowOf = () => Math.floor(Date.now() / 60_000) * 60;
    const hits = async (window: number) =>
      (
        await t.superuser.query<{ hits: number }>(
          "select coalesce(sum(hits), 0)::int as hits from private.api_rate_limits where bucket = $1 and window_start = to_timestamp($2)",
          [bucket, window],
        )
      )[0]!.hits;
    const settled = () => flushRequestCounts(t.db);
    // Measured within one window: a run that straddles a window's end is measured again.
    for (;;) {
      await settled(); // earlier tests' counts added
      const window = windowOf();
      const before = await hits(window);
      for (let i = 0; i < 5; i++) expect((await call(decisions, "/decisions", { headers: all(fx), body: decision(fx) })).status).toBe(200);
      await settled();
      const after = await hits(window);
      if (windowOf() !== window) continue;
      expect(after).toBe(before + 5);
      break;
    }
  });

  it.skipIf(skip)("serves an OpenAPI 3.1 document listing every error code", async () => {
    const response = await openapi();
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; "x-error-codes": Record<string, number> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/consents", "/decisions", "/decisions/batch", "/subjects/history"]));
    expect(Object.keys(doc["x-error-codes"]).sort()).toEqual([...API_ERROR_CODES].sort());
  });

  it.skipIf(skip)("documents the answer of POST /consents, receipt included, and a server key's answer matches it", async () => {
    const doc = (await (await openapi()).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }>> };
    const schema = doc.paths["/consents"]!.post!.responses["201"]!.content["application/json"]!.schema;
    const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
    const answer = typeof schema.$ref === "string" ? defs[schema.$ref.replace("#/$defs/", "")]! : schema;
    const properties = answer.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toEqual(["subjectId", "eventIds", "states", "receivedAt", "confirmationToken", "receiptId", "receiptToken"]);
    expect(answer.required).toEqual(["subjectId", "eventIds", "states", "receivedAt"]);
    expect(properties.receiptId!.description).toMatch(/hosted pages/);
    expect(properties.receiptToken!.description).toMatch(/receiptId/);
    const recorded = await call(consents, "/consents", { headers: all(fx), body: consent(fx, { subject: { kind: "email", value: "documented@example.test" } }) });
    expect(recorded.status).toBe(201);
    expect(recordConsentResponse.safeParse(await recorded.json()).success).toBe(true);
  });
});
