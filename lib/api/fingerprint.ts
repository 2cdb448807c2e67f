import { createHash } from "node:crypto";

/**
 * The fingerprint of a request body for idempotency: SHA-256 of its canonical JSON (keys sorted
 * at every level), so a retry that sends the same body with its keys in another order is the same
 * request. Only what the client sent goes in: never headers or anything the server adds
 * (private.record_consent_core compares it under the key's scope).
 */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
