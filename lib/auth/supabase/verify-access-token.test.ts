import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { verifySupabaseAccessToken, type SupabaseTokenKeys } from "./verify-access-token";

// Tokens shaped like those Supabase Auth issues, signed here with local keys.
const projectUrl = "https://abcdefghijklmnop.supabase.co";
const issuer = `${projectUrl}/auth/v1`;
const sub = "6a1f4c0e-3d1b-4c55-9a63-0f4b8e9d2a11";
const secret = "super-secret-jwt-token-with-at-least-32-characters-long";

function supabaseToken(overrides: Record<string, unknown> = {}) {
  return new SignJWT({ email: "ana@example.com", role: "authenticated", aal: "aal1", session_id: "s1", ...overrides })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime("1h");
}

const secretKeys: SupabaseTokenKeys = { kind: "secret", secret };

describe("verifySupabaseAccessToken with the project's JWT secret (HS256)", () => {
  it("returns the claims of a valid token", async () => {
    const token = await supabaseToken().setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));
    const claims = await verifySupabaseAccessToken(token, { keys: secretKeys, projectUrl });
    expect(claims).toMatchObject({ sub, email: "ana@example.com", role: "authenticated" });
  });

  it.each([
    ["a wrong secret", async () => supabaseToken().setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(`${secret}x`))],
    ["an expired token", async () => supabaseToken().setExpirationTime(Math.floor(Date.now() / 1000) - 60).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
    ["another issuer", async () => supabaseToken().setIssuer("https://evil.supabase.co/auth/v1").setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
    ["another audience", async () => supabaseToken().setAudience("service").setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
    ["the anon role", async () => supabaseToken({ role: "anon" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
    ["the service_role role", async () => supabaseToken({ role: "service_role" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
    ["a subject that is not a uuid", async () => supabaseToken().setSubject("admin").setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret))],
  ])("rejects %s", async (_case, makeToken) => {
    expect(await verifySupabaseAccessToken(await makeToken(), { keys: secretKeys, projectUrl })).toBeNull();
  });

  it("rejects an unsigned token and garbage", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const body = Buffer.from(JSON.stringify({ sub, role: "authenticated", aud: "authenticated", iss: issuer, exp: 9e9 })).toString("base64url");
    expect(await verifySupabaseAccessToken(`${header}.${body}.`, { keys: secretKeys, projectUrl })).toBeNull();
    expect(await verifySupabaseAccessToken("not-a-jwt", { keys: secretKeys, projectUrl })).toBeNull();
  });
});

describe("verifySupabaseAccessToken with the project's signing keys (JWKS, ES256)", async () => {
  const projectKey = await generateKeyPair("ES256");
  const otherKey = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(projectKey.publicKey)), kid: "project-key", alg: "ES256", use: "sig" };
  const keys: SupabaseTokenKeys = { kind: "jwks", getKey: createLocalJWKSet({ keys: [jwk] }) };

  it("returns the claims of a token signed by the project's key", async () => {
    const token = await supabaseToken().setProtectedHeader({ alg: "ES256", kid: "project-key" }).sign(projectKey.privateKey);
    expect(await verifySupabaseAccessToken(token, { keys, projectUrl })).toMatchObject({ sub });
  });

  it("rejects a token signed by another key under the same kid", async () => {
    const token = await supabaseToken().setProtectedHeader({ alg: "ES256", kid: "project-key" }).sign(otherKey.privateKey);
    expect(await verifySupabaseAccessToken(token, { keys, projectUrl })).toBeNull();
  });

  it("rejects an HS256 token signed with the public key as secret (algorithm confusion)", async () => {
    const token = await supabaseToken()
      .setProtectedHeader({ alg: "HS256", kid: "project-key" })
      .sign(new TextEncoder().encode(JSON.stringify(jwk)));
    expect(await verifySupabaseAccessToken(token, { keys, projectUrl })).toBeNull();
  });
});
