import ipaddr from "ipaddr.js";

/**
 * Where a destination may point. Only `https` (webhooks) or `tls` (NATS servers) to public
 * addresses; with CONSENTRY_ALLOW_PRIVATE_DESTINATIONS (tests, a receiver or a NATS server on
 * this machine) also plain `http` / `nats` and loopback, and nothing else private. The URL is
 * checked when a destination is saved, and every address a name resolves to is checked again at
 * connect time (lib/sync/engine/http.ts, lib/sync/engine/nats.ts), so a name that later resolves
 * to 10.0.0.1 or 169.254.169.254 (DNS rebinding) is refused then.
 */
export type UnsafeReason = "not_https" | "not_tls" | "private_address" | "credentials_in_url" | "invalid_url";

export interface AddressPolicy {
  allowPrivate: boolean;
}

/** True when `address` (an IP literal) may be connected to under the policy. */
export function addressAllowed(address: string, policy: AddressPolicy): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address is judged as the IPv4 it maps
  } catch {
    return false;
  }
  const range = parsed.range();
  if (range === "unicast") return true;
  return policy.allowPrivate && range === "loopback";
}

/** A URL's host without IPv6 brackets or a trailing dot (`localhost.` is `localhost`). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
}

/**
 * The problem of a URL whose `secure` scheme is required (https:, tls:) and whose `plain` one
 * (http:, nats:) is allowed only to loopback under allowPrivate; null when it may be saved.
 */
function urlProblem(text: string, policy: AddressPolicy, secure: string, plain: string, insecure: UnsafeReason): UnsafeReason | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "invalid_url";
  }
  if (url.username || url.password) return "credentials_in_url";
  const host = urlHost(url);
  if (!host) return "invalid_url";
  const literal = ipaddr.isValid(host);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  if (url.protocol === plain) {
    const loopback = loopbackName || (literal && addressAllowed(host, policy) && ipaddr.process(host).range() === "loopback");
    if (!(policy.allowPrivate && loopback)) return insecure;
    return null;
  }
  if (url.protocol !== secure) return insecure;
  if (literal && !addressAllowed(host, policy)) return "private_address";
  if (loopbackName && !policy.allowPrivate) return "private_address";
  return null;
}

/** The URL's problem for a webhook destination, or null when it may be saved. */
export function webhookUrlProblem(text: string, policy: AddressPolicy): UnsafeReason | null {
  return urlProblem(text, policy, "https:", "http:", "not_https");
}

/**
 * A NATS server URL's problem (`tls://host:port`; `nats://` only to loopback under allowPrivate),
 * or null when it may be saved. Credentials go in the destination's sealed credentials, never
 * in the URL.
 */
export function natsServerProblem(text: string, policy: AddressPolicy): UnsafeReason | null {
  return urlProblem(text, policy, "tls:", "nats:", "not_tls");
}
