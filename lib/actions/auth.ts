"use server";

import { headers } from "next/headers";
import { authenticateLocalAccount, createLocalAccount, credentialsSchema, signInSchema } from "@/lib/auth/local/accounts";
import { asOperator, beginLocalSession, currentClaims, endSession } from "@/lib/auth/session";
import { echoFields, parseForm, settle, type ActionState } from "@/lib/console/action-result";
import { safeNextPath } from "@/lib/console/next-path";
import { getDatabase } from "@/lib/db/connection";
import { deploymentProfile, env } from "@/lib/env";
import { ExpectedError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/request-context";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale } from "@/lib/i18n/routing";
import { syncMyProfile } from "@/lib/tenancy/profiles";

// Loaded only in the Supabase profile.
const supabaseServerClient = () => import("@/lib/auth/supabase/server-client").then((module) => module.supabaseServerClient());

type AuthFormState = ActionState<{ magicLinkSent?: boolean }>;

function formLocale(form: FormData) {
  const locale = form.get("locale");
  return isLocale(locale) ? locale : "en";
}

async function afterSignIn(form: FormData): Promise<never> {
  const claims = await currentClaimsAfterSignIn();
  const locale = formLocale(form);
  await asOperator(claims, (sql) => syncMyProfile(sql, claims, locale));
  return redirect({ href: safeNextPath(form.get("next")) ?? "/workspaces", locale });
}

// The session cookie was set in this same action, so read the account back from it.
async function currentClaimsAfterSignIn() {
  const claims = await currentClaims();
  if (!claims) throw new ExpectedError("not_signed_in");
  return claims;
}

export async function signIn(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = parseForm(signInSchema, form);
  if (!parsed.ok) return parsed;
  const result = await settle("sign-in", async () => {
    if (deploymentProfile() === "supabase") {
      const { error } = await (await supabaseServerClient()).auth.signInWithPassword(parsed.data);
      if (error) throw new ExpectedError(error.status === 429 ? "too_many_attempts" : "invalid_credentials");
      return;
    }
    const account = await authenticateLocalAccount(await getDatabase(), parsed.data, clientAddress(await headers()));
    await beginLocalSession(account);
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  return afterSignIn(form);
}

export async function signUp(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = parseForm(credentialsSchema, form);
  if (!parsed.ok) return parsed;
  const result = await settle("sign-up", async () => {
    if (deploymentProfile() === "supabase") {
      const { data, error } = await (await supabaseServerClient()).auth.signUp(parsed.data);
      // A taken address gets the same "check your email" as a new one: sign-up must not tell a
      // stranger who has an account (Supabase, with email confirmation on, mails nothing new).
      if (error?.code === "user_already_exists") return { confirmationPending: true };
      if (error) throw new ExpectedError(error.status === 429 ? "too_many_attempts" : "invalid_input");
      return { confirmationPending: !data.session };
    }
    const account = await createLocalAccount(await getDatabase(), parsed.data, clientAddress(await headers()));
    await beginLocalSession(account);
    return { confirmationPending: false };
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  if (result.data.confirmationPending) return { ok: true, data: { magicLinkSent: true } };
  return afterSignIn(form);
}

/** Supabase profile only: a sign-in link by email, landing on /api/auth/confirm. */
export async function sendMagicLink(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = parseForm(credentialsSchema.pick({ email: true }), form);
  if (!parsed.ok) return parsed;
  const h = await headers();
  const origin = env.CONSENTRY_PUBLIC_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  const next = safeNextPath(form.get("next")) ?? "/workspaces";
  const redirectTo = new URL("/api/auth/confirm", origin);
  redirectTo.searchParams.set("next", `/${formLocale(form)}${next}`);
  const result = await settle("magic-link", async () => {
    if (deploymentProfile() !== "supabase") throw new ExpectedError("forbidden");
    const { error } = await (await supabaseServerClient()).auth.signInWithOtp({
      email: parsed.data.email,
      options: { emailRedirectTo: redirectTo.toString(), shouldCreateUser: false },
    });
    if (error) throw new ExpectedError(error.status === 429 ? "too_many_attempts" : "invalid_input");
  });
  return result.ok ? { ok: true, data: { magicLinkSent: true } } : result;
}

export async function signOut(form: FormData): Promise<void> {
  await endSession();
  redirect({ href: "/sign-in", locale: formLocale(form) });
}
