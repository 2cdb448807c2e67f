import { expect, test } from "@playwright/test";
import { E2E_PRIVACY_POLICY, givePrivacyPolicyAddress } from "./live-support";
import { createExperience, createWorkspace, signUp, uniqueEmail } from "./support";

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

test("a website records consent with the experience's public key; a service asks for decisions with a secret key", async ({ page, request }) => {
  await signUp(page, uniqueEmail("integrator"));
  const workspaceId = await createWorkspace(page, "Integration Co");
  await createExperience(page, workspaceId, "Site banner", "EU cookie banner (two layers)");
  await givePrivacyPolicyAddress(page, E2E_PRIVACY_POLICY);

  await page.goto(`/en/w/${workspaceId}/catalog`);
  const purposeId = async (key: string) => (await page.getByTestId("purpose-row").filter({ hasText: key }).getByTestId("purpose-id").textContent())!.trim();
  const analytics = await purposeId("analytics");
  const advertising = await purposeId("advertising");

  // Allow the shop's origin and publish.
  await page.goto(`/en/w/${workspaceId}/experiences`);
  await page.getByTestId("experience-card").click();
  await page.getByLabel("Websites allowed to record consent (one origin per line)").fill("https://shop.example.test");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("Allowed origins saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  const publicKey = (await page.getByTestId("public-key").textContent())!.trim();

  // A secret key for the CRM, shown once.
  await page.goto(`/en/w/${workspaceId}/api-keys`);
  await page.getByLabel("Name", { exact: true }).fill("CRM");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByLabel("Your new key. Copy it now: it is shown only once.").inputValue();
  expect(secret).toMatch(/^csk_/);

  const person = { kind: "email", value: uniqueEmail("visitor") };
  const consent = {
    subject: person,
    channel: "web",
    method: "save",
    locale: "en",
    region: { code: "EU", resolvedBy: "parameter" },
    decisions: [
      { purposeId: analytics, state: "given" },
      { purposeId: advertising, state: "refused" },
    ],
  };
  const recorded = await request.post("/api/v1/consents", { headers: { origin: "https://shop.example.test", "x-consentry-key": publicKey }, data: consent });
  expect(recorded.status()).toBe(201);
  expect((await recorded.json()).eventIds).toHaveLength(2);

  const foreign = await request.post("/api/v1/consents", { headers: { origin: "https://evil.example", "x-consentry-key": publicKey }, data: consent });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe("origin_not_allowed");

  const ask = (purpose: string) =>
    request.post("/api/v1/decisions", { headers: { authorization: `Bearer ${secret}` }, data: { subject: person, purpose, channel: "email" } });
  const yes = await ask("analytics");
  expect(yes.status()).toBe(200);
  expect(await yes.json()).toMatchObject({ allow: true, reason: "consent_given" });
  expect(yes.headers()["cache-control"]).toMatch(/^private, max-age=\d+$/);
  expect(await (await ask("advertising")).json()).toMatchObject({ allow: false, reason: "consent_refused" });

  // A revoked key is refused at once.
  await page.reload();
  await page.getByRole("button", { name: "Revoke CRM" }).click();
  await expect(page.getByTestId("api-key-row")).toContainText("Revoked");
  const revoked = await ask("analytics");
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("invalid_api_key");
});
