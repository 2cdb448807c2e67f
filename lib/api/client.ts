import { env } from "@/lib/env";
import { truncateAddress } from "@/lib/http/client-address";
import { normalizeOrigin } from "./cors";

/** The caller's network (truncated), counted only behind a proxy we trust; else undefined. */
export function callerNetwork(headers: Headers): string | undefined {
  if (!env.CONSENTRY_TRUST_PROXY) return undefined;
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim();
  return truncateAddress(forwarded);
}

/** The app's own origins: hosted pages submit from them without being listed by the experience. */
export function ownOrigins(request: Request): string[] {
  const origins = [normalizeOrigin(new URL(request.url).origin)];
  if (env.CONSENTRY_PUBLIC_URL) origins.push(normalizeOrigin(env.CONSENTRY_PUBLIC_URL));
  return origins.filter((o): o is string => o !== null);
}
