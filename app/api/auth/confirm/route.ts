import type { EmailOtpType } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";
import { asOperator, currentClaims } from "@/lib/auth/session";
import { supabaseServerClient } from "@/lib/auth/supabase/server-client";
import { safeNextPath } from "@/lib/console/next-path";
import { deploymentProfile } from "@/lib/env";
import { syncMyProfile } from "@/lib/tenancy/profiles";

const OTP_TYPES = new Set<EmailOtpType>(["magiclink", "email", "signup", "invite", "recovery", "email_change"]);

/** Supabase profile: where magic links and sign-up confirmations land. Exchanges the token for a session. */
export async function GET(request: NextRequest) {
  const url = request.nextUrl;
  const tokenHash = url.searchParams.get("token_hash");
  const type = url.searchParams.get("type") as EmailOtpType | null;
  const next = safeNextPath(url.searchParams.get("next")) ?? "/en/workspaces";
  const failure = NextResponse.redirect(new URL("/en/sign-in", url));
  if (deploymentProfile() !== "supabase" || !tokenHash || !type || !OTP_TYPES.has(type)) return failure;
  const { error } = await (await supabaseServerClient()).auth.verifyOtp({ token_hash: tokenHash, type });
  if (error) return failure;
  const claims = await currentClaims();
  if (claims) await asOperator(claims, (sql) => syncMyProfile(sql, claims));
  return NextResponse.redirect(new URL(next, url));
}
