import { expect, test } from "@playwright/test";

/**
 * The public API over real HTTP, against the production server Playwright starts: JSON errors
 * with stable codes in the caller's language, CORS refusals, and the OpenAPI document.
 * (The database-level happy path and the ≥ 50 bad-input cases run in lib/api/public-routes.db.test.ts.)
 */

test("the API serves its OpenAPI document with every error code", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; "x-error-codes": Record<string, number> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/consents", "/decisions", "/decisions/batch", "/contacts"]));
  expect(doc["x-error-codes"]).toMatchObject({ malformed_json: 400, invalid_api_key: 401, origin_not_allowed: 403, idempotency_key_reused: 422 });
});

test("bad requests get a JSON error with a code and a message in the caller's language, never a 5xx", async ({ request }) => {
  const noKey = await request.post("/api/v1/consents", { data: { subject: { kind: "email", value: "a@b.c" } } });
  expect(noKey.status()).toBe(401);
  expect(((await noKey.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");

  const unknownKey = await request.post("/api/v1/decisions", {
    headers: { authorization: `Bearer csk_deadbeef_${"a".repeat(32)}`, "accept-language": "zh-CN" },
    data: { subject: { kind: "email", value: "a@b.c" }, purpose: "marketing", channel: "email" },
  });
  expect(unknownKey.status()).toBe(401);
  expect(((await unknownKey.json()) as { error: { message: string } }).error.message).toBe("API 密钥缺失、不存在或已被吊销。");

  const wrongOrigin = await request.post("/api/v1/consents", {
    headers: { "x-consentry-key": `pk_${"0".repeat(32)}`, origin: "https://evil.example" },
    data: {},
  });
  expect(wrongOrigin.status()).toBe(401);
  expect(wrongOrigin.headers()["access-control-allow-origin"]).toBeUndefined();

  const preflight = await request.fetch("/api/v1/consents", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(preflight.status()).toBe(403);
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
});
