import "server-only";
import { env } from "@/lib/env";
import { supabaseJwks, type SupabaseTokenKeys } from "./verify-access-token";

let cached: SupabaseTokenKeys | undefined;

/** The project's JWT secret when configured, else its JWKS (fetched once, cached by jose). */
export function supabaseTokenKeys(): SupabaseTokenKeys {
  if (cached) return cached;
  if (env.SUPABASE_JWT_SECRET) cached = { kind: "secret", secret: env.SUPABASE_JWT_SECRET };
  else if (env.NEXT_PUBLIC_SUPABASE_URL) cached = supabaseJwks(env.NEXT_PUBLIC_SUPABASE_URL);
  else throw new Error("Supabase profile is not configured");
  return cached;
}
