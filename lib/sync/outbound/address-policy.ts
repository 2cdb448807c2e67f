import ipaddr from "ipaddr.js";

/**
 * Where a destination may point. Only `https` to public addresses; with
 * CONSENTRY_ALLOW_PRIVATE_DESTINATIONS (tests, a receiver on this machine) also plain `http`
 * and loopback, and nothing else private. The URL is checked when a destination is saved, and
 * every address a name resolves to is checked again at connect time (lib/sync/outbound/http.ts),
 * so a name that later resolves to 10.0.0.1 or 169.254.169.254 (DNS rebinding) is refused then.
 */
export type UnsafeReason = "not_https" | "private_address" | "credentials_in_url" | "invalid_url";

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

/** The URL's problem for a webhook destination, or null when it may be saved. */
export function webhookUrlProblem(text: string, policy: AddressPolicy): UnsafeReason | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "invalid_url";
  }
  if (url.username || url.password) return "credentials_in_url";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = ipaddr.isValid(host);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  if (url.protocol === "http:") {
    const loopback = loopbackName || (literal && addressAllowed(host, policy) && ipaddr.process(host).range() === "loopback");
    if (!(policy.allowPrivate && loopback)) return "not_https";
    return null;
  }
  if (url.protocol !== "https:") return "not_https";
  if (literal && !addressAllowed(host, policy)) return "private_address";
  if (loopbackName && !policy.allowPrivate) return "private_address";
  return null;
}
