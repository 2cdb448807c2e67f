import type { Sql } from "@/lib/db/types";
import type { AddressPolicy } from "@/lib/sync/outbound/address-policy";
import { openSecrets, type DestinationSecrets } from "@/lib/sync/destinations/secrets";
import { identifiersForPolicy } from "@/lib/sync/identifiers";
import { postJson } from "./http";
import { publishToNats } from "./nats";
import { nextDelayMs, parseRetryAfter } from "./schedule";
import { signatureHeaders } from "./sign";
import type { AttemptRecord, ClaimedDelivery, MessageBase, Outcome } from "./store";

export interface DeliverOptions {
  policy: AddressPolicy;
  requestTimeoutMs: number;
  retryDelaysMs: readonly number[];
  random: () => number;
}

/** The body a receiver gets: the base from the database, identifiers opened by the policy. */
export async function messageBody(sql: Sql, delivery: ClaimedDelivery, base: MessageBase): Promise<string> {
  const { identifiers, ...rest } = base;
  const delivered = await identifiersForPolicy(sql, delivery.workspace_id, delivery.identifier_policy, identifiers);
  return JSON.stringify({ ...rest, subject: { ...rest.subject, identifiers: delivered } });
}

// Opened secrets by destination and sealed blob: a rotation or an edit changes the blob.
const secretsCache = new Map<string, DestinationSecrets>();
export async function destinationSecrets(sql: Sql, delivery: ClaimedDelivery): Promise<DestinationSecrets> {
  const key = `${delivery.destination_id}:${Buffer.from(delivery.secrets).toString("base64")}`;
  let found = secretsCache.get(key);
  if (!found) {
    found = await openSecrets(sql, delivery.workspace_id, delivery.destination_id, delivery.secrets);
    if (secretsCache.size > 1000) secretsCache.clear();
    secretsCache.set(key, found);
  }
  return found;
}

/**
 * One attempt at one delivery, and what follows from its answer: 2xx delivered; 410 disables
 * the destination (the delivery waits for a resume); anything else (3xx included: redirects are
 * not followed, 429, 5xx, no answer) is retried on the schedule, `Retry-After` honoured, until
 * the last attempt, after which it is dead.
 */
export async function attemptDelivery(
  delivery: ClaimedDelivery,
  body: string,
  secrets: DestinationSecrets,
  options: DeliverOptions,
  now: Date = new Date(),
): Promise<{ attempt: AttemptRecord; outcome: Outcome; retryAfterMs: number | null }> {
  const failed = (retryAfterMs: number | null): Outcome => {
    const delayMs = nextDelayMs(delivery.attempts, retryAfterMs, options.random, options.retryDelaysMs);
    return delayMs === null ? { kind: "dead" } : { kind: "retry", delayMs };
  };
  if (delivery.kind === "nats") {
    const result = await publishToNats(
      { destinationId: delivery.destination_id, servers: delivery.config.servers ?? [], subject: delivery.config.subject ?? "" },
      secrets,
      options.policy,
      delivery.id,
      delivery.seq,
      body,
      options.requestTimeoutMs,
    );
    const attempt = { statusCode: null, latencyMs: result.latencyMs, ok: result.ok, error: result.error, excerpt: result.excerpt };
    return { attempt, outcome: result.ok ? { kind: "delivered" } : failed(null), retryAfterMs: null };
  }
  const headers = { ...(secrets.headers ?? {}), ...signatureHeaders(delivery.id, now, body, secrets) };
  const result = await postJson(delivery.config.url ?? "", body, headers, options.policy, options.requestTimeoutMs);
  const status = result.status;
  const ok = status !== null && status >= 200 && status < 300;
  const retryAfterHeader = result.headers["retry-after"];
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader) : null;
  const error = ok ? null : (result.error ?? (status !== null && status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`));
  const attempt = { statusCode: status, latencyMs: result.latencyMs, ok, error, excerpt: result.excerpt };
  const outcome: Outcome = ok ? { kind: "delivered" } : status === 410 ? { kind: "gone" } : failed(retryAfterMs);
  return { attempt, outcome, retryAfterMs };
}
