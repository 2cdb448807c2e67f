import { jetstream } from "@nats-io/jetstream";
import { connect, headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import type { DestinationSecrets } from "@/lib/sync/destinations/secrets";

/**
 * The NATS JetStream destination: each message is published to the destination's subject with
 * the delivery id as JetStream's `Nats-Msg-Id`, so a retry of a message the server already
 * stored is dropped by the stream's duplicate window (at least once becomes once in the
 * stream), and the PubAck is the acknowledgement. Headers carry the same id and the person's
 * sequence number. One connection per destination and process, reopened after a failure.
 */
const connections = new Map<string, Promise<NatsConnection>>();

export interface NatsTarget {
  destinationId: string;
  servers: string[];
  subject: string;
}

async function connectionFor(target: NatsTarget, secrets: DestinationSecrets): Promise<NatsConnection> {
  const key = `${target.destinationId}:${target.servers.join(",")}`;
  let pending = connections.get(key);
  if (!pending) {
    const credentials = secrets.natsCredentials ?? {};
    pending = connect({ servers: target.servers, timeout: 5000, name: "consentry-sync", ...credentials });
    connections.set(key, pending);
    pending.then(
      (nc) => void nc.closed().then(() => connections.delete(key)),
      () => connections.delete(key),
    );
  }
  return pending;
}

export interface NatsResult {
  ok: boolean;
  error: string | null;
  latencyMs: number;
  /** Stream and sequence the server stored it under ("duplicate" when it already had it). */
  excerpt: string;
}

export async function publishToNats(target: NatsTarget, secrets: DestinationSecrets, messageId: string, seq: number, body: string, timeoutMs: number): Promise<NatsResult> {
  const started = performance.now();
  try {
    const nc = await connectionFor(target, secrets);
    const js = jetstream(nc, { timeout: timeoutMs });
    const h = natsHeaders();
    h.set("Consentry-Message-Id", messageId);
    h.set("Consentry-Seq", String(seq));
    const ack = await js.publish(target.subject, body, { msgID: messageId, headers: h });
    return { ok: true, error: null, latencyMs: Math.round(performance.now() - started), excerpt: `${ack.stream} #${ack.seq}${ack.duplicate ? " duplicate" : ""}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), latencyMs: Math.round(performance.now() - started), excerpt: "" };
  }
}

/** Closes every NATS connection of this process (worker shutdown, tests). */
export async function closeNatsConnections(): Promise<void> {
  const all = [...connections.values()];
  connections.clear();
  await Promise.all(all.map((p) => p.then((nc) => nc.drain()).catch(() => undefined)));
}
