/** The header scripts/socket-address.mjs sets from the connection on every request. */
export const SOCKET_ADDRESS_HEADER = "x-consentry-socket-address";
const SOCKET_ADDRESS_MARK = Symbol.for("consentry.socket-address");

/** Whether this process runs with scripts/socket-address.mjs preloaded, so its header can be believed. */
export function socketAddressKnown(): boolean {
  return (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_MARK] === true;
}

export interface ClientAddressOptions {
  /** CONSENTRY_TRUST_PROXY: a proxy we run appends the address it saw to X-Forwarded-For. */
  trustProxy: boolean;
  /** Defaults to whether the preload runs in this process (tests say so themselves). */
  socketKnown?: boolean;
}

/**
 * The address a request came from, the one thing a client cannot choose. Behind a trusted proxy:
 * the LAST X-Forwarded-For entry (the one our proxy appended; earlier entries are whatever the
 * client sent), or X-Real-IP. Otherwise: the connection's own address, as the preload recorded
 * it. Undefined when neither is known (a server started without the preload).
 */
export function resolveClientAddress(headers: Headers, options: ClientAddressOptions): string | undefined {
  if (options.trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    return plainAddress(forwarded || headers.get("x-real-ip")?.trim());
  }
  if (!(options.socketKnown ?? socketAddressKnown())) return undefined;
  return plainAddress(headers.get(SOCKET_ADDRESS_HEADER)?.trim());
}

/** An IPv4 or IPv6 address as text (an IPv4-mapped IPv6 address as IPv4); anything else is no address. */
function plainAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const unmapped = value.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(unmapped)) return unmapped;
  if (/^[0-9a-f:]{2,45}$/i.test(unmapped) && unmapped.includes(":")) return unmapped.toLowerCase();
  return undefined;
}

/** A client address cut to its network (IPv4 /24, IPv6 /48): enough for audit, not a tracker. */
export function truncateAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const value = address.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return `${value.split(".").slice(0, 3).join(".")}.0`;
  if (/^[0-9a-f:]+$/i.test(value) && value.includes(":")) {
    const groups = value.split("::")[0]!.split(":").filter(Boolean).slice(0, 3);
    return `${groups.join(":")}::`;
  }
  return undefined;
}
