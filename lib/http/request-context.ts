import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/db/caller";
import { env } from "@/lib/env";
import { truncateAddress } from "./client-address";

/** The address a request came from; forwarded headers only count behind a trusted proxy. */
export function clientAddress(requestHeaders: Headers): string | undefined {
  if (!env.CONSENTRY_TRUST_PROXY) return undefined;
  const forwarded = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || requestHeaders.get("x-real-ip")?.trim() || undefined;
}

/** What audit entries record about the request: id, truncated address, user agent. */
export async function currentRequestContext(): Promise<RequestContext> {
  const h = await headers();
  return {
    requestId: h.get("x-request-id") ?? randomUUID(),
    clientAddress: truncateAddress(clientAddress(h)),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? undefined,
  };
}
