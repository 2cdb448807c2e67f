import { createServerClient } from "@supabase/ssr";
import type { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { supabaseServerClientOptions } from "./client-options";

/**
 * Called by proxy.ts on every console request in the Supabase profile: lets supabase-js refresh
 * an expiring access token and writes the new cookies onto both the request (for this render)
 * and the response (for the browser).
 */
export async function refreshSupabaseSession(request: NextRequest, response: NextResponse): Promise<NextResponse> {
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!url || !anonKey) return response;
  const supabase = createServerClient(url, anonKey, {
    ...supabaseServerClientOptions,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (toSet) => {
        for (const { name, value, options } of toSet) {
          request.cookies.set(name, value);
          response.cookies.set(name, value, options);
        }
      },
    },
  });
  // getClaims() refreshes the session when needed and verifies the token it returns.
  await supabase.auth.getClaims();
  return response;
}
