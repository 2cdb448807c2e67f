import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { addressAllowed, urlHost, webhookUrlProblem, type AddressPolicy } from "@/lib/sync/outbound/address-policy";

/**
 * One POST to a receiver, with the outbound rules of issue 14 §8:
 *   * the URL is checked again (https, no private literal address);
 *   * every address the name resolves to is checked AT CONNECT TIME through the socket's lookup
 *     hook, so a name that resolved to a public address when the destination was saved and to
 *     10.0.0.1 now (DNS rebinding) is refused before a byte is sent;
 *   * redirects are not followed (node's http never follows them; a 3xx is a failed attempt);
 *   * 15 s for the whole exchange, then the request is destroyed;
 *   * the response body is read up to 64 KiB (its first 1,000 characters kept), then dropped.
 */
export const REQUEST_TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 64 * 1024;
const EXCERPT_CHARS = 1000;

export interface PostResult {
  /** HTTP status, or null when no response came. */
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  excerpt: string;
  error: string | null;
  latencyMs: number;
}

export class UnsafeAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused: ${address} is not a public address`);
    this.name = "UnsafeAddressError";
  }
}

function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, options: object, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [] as LookupAddress[]);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address, policy));
      if (refused || list.length === 0) return callback(new UnsafeAddressError(refused?.address ?? hostname), [] as LookupAddress[]);
      if ((options as { all?: boolean }).all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  }) as LookupFunction;
}

// Keep-alive agents per policy: a busy destination reuses its connections (each was checked
// when it was opened).
const agents = new Map<string, { http: http.Agent; https: https.Agent }>();
function agentsFor(policy: AddressPolicy) {
  const key = String(policy.allowPrivate);
  let found = agents.get(key);
  if (!found) {
    const options = { keepAlive: true, maxSockets: 64, lookup: guardedLookup(policy) };
    found = { http: new http.Agent(options), https: new https.Agent(options) };
    agents.set(key, found);
  }
  return found;
}

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: AddressPolicy,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problem = webhookUrlProblem(url, policy);
  if (problem) return Promise.resolve({ status: null, headers: {}, excerpt: "", error: `refused: ${problem}`, latencyMs: 0 });
  const target = new URL(url);
  const host = urlHost(target);
  // A literal address never goes through lookup: judged here.
  if (ipaddr.isValid(host) && !addressAllowed(host, policy)) {
    return Promise.resolve({ status: null, headers: {}, excerpt: "", error: `refused: ${host} is not a public address`, latencyMs: 0 });
  }
  const client = target.protocol === "https:" ? https : http;
  const agent = target.protocol === "https:" ? agentsFor(policy).https : agentsFor(policy).http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const request = client.request(
      target,
      {
        method: "POST",
        agent,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Consentry-Sync/1" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish({ status: response.statusCode ?? null, headers: response.headers, excerpt: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS), error: null });
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
          else {
            response.destroy();
            done();
          }
        });
        response.on("end", done);
        response.on("error", (error) => finish({ status: response.statusCode ?? null, headers: response.headers, excerpt: "", error: error.message }));
        response.on("aborted", () => finish({ status: response.statusCode ?? null, headers: response.headers, excerpt: "", error: "response aborted" }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    request.on("error", (error) => finish({ status: null, headers: {}, excerpt: "", error: error.message }));
    request.end(body);
  });
}
