import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/db/caller";
import { env } from "@/lib/env";
import { resolveClientAddress, truncateAddress } from "./client-address";

/** The address a request came from: the connection's, or a trusted proxy's word for it (lib/http/client-address.ts). */
export function clientAddress(requestHeaders: Headers): string | undefined {
  return resolveClientAddress(requestHeaders, { trustProxy: env.CONSENTRY_TRUST_PROXY });
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
