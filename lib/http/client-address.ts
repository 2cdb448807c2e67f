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
