import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as consents } from "@/app/api/v1/consents/route";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { useApiDatabaseForTests } from "./context";
import { flushRequestCounts } from "./rate-limit";
import { buildApiFixture, type ApiFixture } from "./testing/api-fixture";

/**
 * Issue 15, item 4: an idempotency key belongs to the credential that sent it, and a retry is
 * compared by the body the client sent, nothing else.
 */

function post(headers: Record<string, string>, body: unknown) {
  return consents(
    new Request("http://localhost:3000/api/v1/consents", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe.each(TEST_TARGETS)("idempotency keys per credential on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: ApiFixture;

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    useApiDatabaseForTests(t.db);
    fx = await buildApiFixture(t.db);
  }, 120_000);
  afterAll(async () => {
    if (skip) return;
    await flushRequestCounts(t.db);
    useApiDatabaseForTests(null);
    await t.close();
  });

  const consent = (value: string, state: "given" | "refused" = "given") => ({
    experienceVersionId: fx.versionId,
    subject: { kind: "email", value },
    channel: "web",
    method: "save",
    locale: "en",
    region: { code: "CN", resolvedBy: "geoip" },
    decisions: [{ purposeId: fx.purposes.analytics, state }],
  });
  const server = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });
  const visitor = (extra: Record<string, string> = {}) => ({ "x-consentry-key": fx.publicKey, origin: fx.allowedOrigin, ...extra });

  it.skipIf(skip)("a visitor's public key cannot claim a key the server will use", async () => {
    const squatted = await post(visitor({ "idempotency-key": "order-1001" }), consent("squatter@example.test"));
    expect(squatted.status).toBe(201);
    const real = await post(server(fx.keys.all, { "idempotency-key": "order-1001" }), consent("buyer@example.test"));
    expect(real.status).toBe(201);
    expect(real.headers.get("idempotent-replayed")).toBeNull();
    // Each credential's retry replays its own first answer.
    const again = await post(server(fx.keys.all, { "idempotency-key": "order-1001" }), consent("buyer@example.test"));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await real.json());
  });

  it.skipIf(skip)("two secret keys of one workspace have keys of their own", async () => {
    const first = await post(server(fx.keys.all, { "idempotency-key": "import-7" }), consent("one@example.test"));
    const second = await post(server(fx.keys.writeOnly, { "idempotency-key": "import-7" }), consent("two@example.test"));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
  });

  it.skipIf(skip)("a retry with other headers (User-Agent) or its keys in another order is the same request", async () => {
    const body = consent("retry@example.test");
    const first = await post(server(fx.keys.all, { "idempotency-key": "retry-1", "user-agent": "shop-backend/1.0" }), body);
    expect(first.status).toBe(201);
    const reordered = `{${Object.entries(body)
      .reverse()
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(",")}}`;
    const retry = await post(server(fx.keys.all, { "idempotency-key": "retry-1", "user-agent": "shop-backend/1.1 (retry)" }), reordered);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    // The browser path too: a visitor's retry from an updated browser.
    const fromBrowser = consent("browser-retry@example.test");
    expect((await post(visitor({ "idempotency-key": "b-1", "user-agent": "Firefox/140" }), fromBrowser)).status).toBe(201);
    const browserRetry = await post(visitor({ "idempotency-key": "b-1", "user-agent": "Firefox/141" }), fromBrowser);
    expect(browserRetry.headers.get("idempotent-replayed")).toBe("true");
  });

  it.skipIf(skip)("the same credential and key with a different body is still refused", async () => {
    expect((await post(server(fx.keys.all, { "idempotency-key": "once" }), consent("same@example.test"))).status).toBe(201);
    const changed = await post(server(fx.keys.all, { "idempotency-key": "once" }), consent("same@example.test", "refused"));
    expect(changed.status).toBe(422);
    expect(((await changed.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
  });
});
