import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** Where the app is reached from outside: CONSENTRY_PUBLIC_URL, else the request's own host. */
export async function publicOrigin(): Promise<string> {
  if (env.CONSENTRY_PUBLIC_URL) return env.CONSENTRY_PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}
