import createIntlMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { deploymentProfile, env } from "@/lib/env";
import { isSameOriginMutation } from "@/lib/http/same-origin";
import { routing } from "@/lib/i18n/routing";

const intl = createIntlMiddleware(routing);

/**
 * Every console request passes here: state-changing requests from another origin are refused
 * (CSRF), the locale prefix is resolved, and in the Supabase profile the session is refreshed.
 */
export default async function proxy(request: NextRequest) {
  if (!isSameOriginMutation(request, { trustForwardedHost: env.CONSENTRY_TRUST_PROXY })) {
    return NextResponse.json(
      { error: { code: "cross_origin_request", message: "State-changing requests must come from this site." } },
      { status: 403 },
    );
  }
  const response = intl(request);
  if (deploymentProfile() === "supabase") {
    const { refreshSupabaseSession } = await import("@/lib/auth/supabase/refresh-session");
    return refreshSupabaseSession(request, response);
  }
  return response;
}

export const config = {
  // Console pages and their Server Actions; not the public API, build output or static files.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
