import { env } from "@/lib/env";
import { resolveClientAddress, truncateAddress } from "@/lib/http/client-address";
import { normalizeOrigin } from "./cors";

/**
 * The caller's network (truncated): of the connection itself, or behind a proxy we trust, of the
 * address it forwarded (lib/http/client-address.ts). Undefined only on a server started without
 * scripts/socket-address.mjs.
 */
export function callerNetwork(headers: Headers): string | undefined {
  return truncateAddress(resolveClientAddress(headers, { trustProxy: env.CONSENTRY_TRUST_PROXY }));
}

/** A Host header value a browser could have sent: a name or address, an optional port, nothing else. */
const HOST = /^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

export interface OwnOriginOptions {
  publicUrl?: string | undefined;
  trustProxy?: boolean;
}

/**
 * The app's own origins: hosted pages submit from them without being listed by the experience.
 * Whatever address the app is reached at counts (localhost, 127.0.0.1, a LAN address): the
 * browser writes the Host header itself and a page cannot change it, so an Origin naming the
 * very host the request was sent to comes from a page this server (or its proxy) served. Next's
 * `request.url` is not enough: it carries the address the server listens on, not the one the
 * visitor typed. A proxy's X-Forwarded-Host counts only behind CONSENTRY_TRUST_PROXY, and
 * CONSENTRY_PUBLIC_URL always. Both schemes are accepted for a matching host: a TLS-terminating
 * proxy forwards plain HTTP, and the host (with its port) is what identifies this server.
 */
export function ownOrigins(request: Request, options: OwnOriginOptions = {}): string[] {
  const publicUrl = "publicUrl" in options ? options.publicUrl : env.CONSENTRY_PUBLIC_URL;
  const trustProxy = options.trustProxy ?? env.CONSENTRY_TRUST_PROXY;
  const hosts = [request.headers.get("host")];
  if (trustProxy) hosts.push(request.headers.get("x-forwarded-host")?.split(",")[0] ?? null);
  const origins = [normalizeOrigin(new URL(request.url).origin), normalizeOrigin(publicUrl)];
  for (const host of hosts) {
    const value = host?.trim();
    if (!value || !HOST.test(value)) continue;
    origins.push(normalizeOrigin(`http://${value}`), normalizeOrigin(`https://${value}`));
  }
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/**
 * The app's origin as this request reached it, for absolute links the app hands out (a notice's
 * page in the embed, on a customer's site): CONSENTRY_PUBLIC_URL; else, behind a trusted proxy,
 * the forwarded scheme and host; else the Host the browser wrote (a LAN address stays a LAN
 * address, where Next's `request.url` would say localhost).
 */
export function requestPublicOrigin(request: Request, options: OwnOriginOptions = {}): string {
  const publicUrl = normalizeOrigin("publicUrl" in options ? options.publicUrl : env.CONSENTRY_PUBLIC_URL);
  if (publicUrl) return publicUrl;
  const url = new URL(request.url);
  const trustProxy = options.trustProxy ?? env.CONSENTRY_TRUST_PROXY;
  const forwardedHost = trustProxy ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const forwardedProto = trustProxy ? request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost && HOST.test(forwardedHost) ? forwardedHost : request.headers.get("host")?.trim();
  const scheme = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : url.protocol.slice(0, -1);
  return (host && HOST.test(host) ? normalizeOrigin(`${scheme}://${host}`) : null) ?? url.origin;
}
