import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/lib/db/connection";
import { runAsCaller, type Claims } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";
import { deploymentProfile, env } from "@/lib/env";
import { currentRequestContext } from "@/lib/http/request-context";
import { endLocalSession, resolveLocalSession, SESSION_LIFETIME_SECONDS, startLocalSession } from "./local/sessions";
import type { LocalAccount } from "./local/accounts";

// supabase-js is loaded only in the Supabase profile: the embedded and Postgres profiles never need it.
const supabase = () => import("./supabase/server-client").then((module) => module.supabaseServerClient());

export const SESSION_COOKIE = "consentry_session";

/** The signed-in operator's verified claims for this request, or null. */
export const currentClaims = cache(async (): Promise<Claims | null> => {
  if (deploymentProfile() === "supabase") {
    const { data } = await (await supabase()).auth.getSession();
    const token = data.session?.access_token;
    if (!token) return null;
    // The cookie is only a carrier: its token is verified before a single claim is used.
    const [{ supabaseTokenKeys }, { verifySupabaseAccessToken }] = await Promise.all([import("./supabase/token-keys"), import("./supabase/verify-access-token")]);
    return verifySupabaseAccessToken(token, { keys: supabaseTokenKeys(), projectUrl: env.NEXT_PUBLIC_SUPABASE_URL! });
  }
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || token.length > 100) return null;
  return resolveLocalSession(await getDatabase(), token);
});

/**
 * Runs `work` as the signed-in operator under row-level security. Every operator code path
 * reaches the database through here. Throws ExpectedError("not_signed_in") without a session.
 */
export async function asOperator<T>(claims: Claims, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsCaller(await getDatabase(), { kind: "authenticated", claims }, work, await currentRequestContext());
}

export async function beginLocalSession(account: LocalAccount): Promise<void> {
  const userAgent = (await headers()).get("user-agent") ?? undefined;
  const token = await startLocalSession(await getDatabase(), account, userAgent);
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    maxAge: SESSION_LIFETIME_SECONDS,
  });
}

export async function endSession(): Promise<void> {
  if (deploymentProfile() === "supabase") {
    await (await supabase()).auth.signOut();
    return;
  }
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  if (token) await endLocalSession(await getDatabase(), token);
  store.delete(SESSION_COOKIE);
}
