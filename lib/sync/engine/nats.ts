import { lookup } from "node:dns/promises";
import { jetstream } from "@nats-io/jetstream";
import { connect, headers as natsHeaders, type NatsConnection, type NodeConnectionOptions } from "@nats-io/transport-node";
import ipaddr from "ipaddr.js";
import type { DestinationSecrets } from "@/lib/sync/destinations/secrets";
import { addressAllowed, natsServerProblem, urlHost, type AddressPolicy } from "@/lib/sync/outbound/address-policy";

/**
 * The NATS JetStream destination: each message is published to the destination's subject with
 * the delivery id as JetStream's `Nats-Msg-Id`, so a retry of a message the server already
 * stored is dropped by the stream's duplicate window (at least once becomes once in the
 * stream), and the PubAck is the acknowledgement. Headers carry the same id and the person's
 * sequence number. One connection per destination and process, reopened after a failure.
 *
 * Outbound safety, as for webhooks: each server URL is checked again (`tls://`, or `nats://` to
 * loopback under CONSENTRY_ALLOW_PRIVATE_DESTINATIONS), its name is resolved HERE and every
 * address checked, and the client dials those checked addresses only (no resolving of its own,
 * the TLS certificate still checked against the name), never a server the cluster gossips, and
 * never reconnects by itself: a dropped connection is reopened by the next delivery, resolved
 * and checked afresh.
 */
const connections = new Map<string, Promise<NatsConnection>>();

export interface NatsTarget {
  destinationId: string;
  servers: string[];
  subject: string;
}

class RefusedNatsServerError extends Error {
  constructor(server: string, reason: string) {
    super(`refused: ${server}: ${reason}`);
    this.name = "RefusedNatsServerError";
  }
}

/** A configured server as the client may dial it: its checked addresses, and TLS by name. */
interface CheckedNatsServer {
  hostname: string;
  tls: boolean;
  /** `address:port`, IPv6 bracketed. */
  dial: string[];
}

/** Checks one server URL and resolves its name, refusing it if any address is not allowed. */
async function checkNatsServer(server: string, policy: AddressPolicy): Promise<CheckedNatsServer> {
  const problem = natsServerProblem(server, policy);
  if (problem) throw new RefusedNatsServerError(server, problem);
  const url = new URL(server);
  const hostname = urlHost(url);
  const port = url.port || "4222";
  const addresses = ipaddr.isValid(hostname) ? [hostname] : (await lookup(hostname, { all: true })).map((a) => a.address);
  const refused = addresses.find((address) => !addressAllowed(address, policy));
  if (refused || addresses.length === 0) throw new RefusedNatsServerError(server, `${refused ?? hostname} is not a public address`);
  return { hostname, tls: url.protocol === "tls:", dial: addresses.map((a) => `${ipaddr.parse(a).kind() === "ipv6" ? `[${a}]` : a}:${port}`) };
}

/** Connects to the first configured server that passes the policy and answers. */
async function openConnection(target: NatsTarget, secrets: DestinationSecrets, policy: AddressPolicy): Promise<NatsConnection> {
  let lastError: unknown = new Error("no NATS server configured");
  for (const server of target.servers) {
    try {
      const checked = await checkNatsServer(server, policy);
      return await connect({
        servers: checked.dial,
        resolve: false,
        ignoreClusterUpdates: true,
        reconnect: false,
        noRandomize: true,
        timeout: 5000,
        name: "consentry-sync",
        // tls: the server must offer it, and its certificate must name the configured host (the
        // client hands these options on to node's tls.connect, which checks the certificate
        // against `servername`; the library's type lists only its own keys).
        ...(checked.tls ? { tls: { servername: checked.hostname } as NonNullable<NodeConnectionOptions["tls"]> } : {}),
        ...(secrets.natsCredentials ?? {}),
      });
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function connectionFor(target: NatsTarget, secrets: DestinationSecrets, policy: AddressPolicy): Promise<NatsConnection> {
  const key = `${target.destinationId}:${String(policy.allowPrivate)}:${target.servers.join(",")}`;
  let pending = connections.get(key);
  if (!pending) {
    pending = openConnection(target, secrets, policy);
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

export async function publishToNats(
  target: NatsTarget,
  secrets: DestinationSecrets,
  policy: AddressPolicy,
  messageId: string,
  seq: number,
  body: string,
  timeoutMs: number,
): Promise<NatsResult> {
  const started = performance.now();
  try {
    const nc = await connectionFor(target, secrets, policy);
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
