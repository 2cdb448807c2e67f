import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { Claims } from "@/lib/db/caller";

/**
 * How to check a Supabase access token: the project's legacy HS256 JWT secret, or its
 * asymmetric signing keys (JWKS). Claims are only used after this check passes.
 */
export type SupabaseTokenKeys = { kind: "secret"; secret: string } | { kind: "jwks"; getKey: JWTVerifyGetKey };

const supabaseClaimsSchema = z.looseObject({
  sub: z.guid(),
  email: z.string().optional(),
  role: z.literal("authenticated"),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
});

export function supabaseIssuer(projectUrl: string): string {
  return `${projectUrl.replace(/\/+$/, "")}/auth/v1`;
}

export function supabaseJwks(projectUrl: string): SupabaseTokenKeys {
  return {
    kind: "jwks",
    getKey: createRemoteJWKSet(new URL(`${supabaseIssuer(projectUrl)}/.well-known/jwks.json`)),
  };
}

/**
 * Verifies signature, issuer, audience and expiry, then narrows the payload to the claims our
 * policies read. Returns null for any token that fails; it never throws on bad input.
 */
export async function verifySupabaseAccessToken(
  token: string,
  options: { keys: SupabaseTokenKeys; projectUrl: string; now?: Date },
): Promise<Claims | null> {
  const verifyOptions = {
    issuer: supabaseIssuer(options.projectUrl),
    audience: "authenticated",
    currentDate: options.now,
    algorithms: options.keys.kind === "secret" ? ["HS256"] : ["ES256", "RS256", "EdDSA"],
  };
  try {
    const { payload } =
      options.keys.kind === "secret"
        ? await jwtVerify(token, new TextEncoder().encode(options.keys.secret), verifyOptions)
        : await jwtVerify(token, options.keys.getKey, verifyOptions);
    const claims = supabaseClaimsSchema.safeParse(payload);
    return claims.success ? (claims.data as Claims) : null;
  } catch {
    return null;
  }
}
