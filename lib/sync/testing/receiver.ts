import http from "node:http";
import type { AddressInfo } from "node:net";

/** A received request as the receiver saw it. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered (null: it dropped the connection or never answered). */
  answered: number | null;
}

/** How to answer one request: a status (and headers), "drop" (destroy the socket), or "hang" (never answer). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | "drop" | "hang";

/**
 * A local webhook receiver for tests and the bench: answers each request as `answer` decides and
 * records it. `changed` resolves listeners whenever a request arrives, so tests wait on
 * conditions rather than time.
 */
export async function startReceiver(answer: (received: Omit<Received, "answered">, index: number) => Answer = () => ({ status: 200 })) {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const entry: Received = { headers, body: Buffer.concat(chunks).toString("utf8"), answered: null };
      const decision = answer(entry, received.length);
      received.push(entry);
      if (decision === "drop") request.socket.destroy();
      else if (decision === "hang") hanging.add(response);
      else {
        entry.answered = decision.status;
        response.writeHead(decision.status, decision.headers ?? {});
        response.end(decision.body ?? "");
      }
      for (const wake of waiters) wake();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves when `condition` holds, re-checked on every arrival and every `recheckMs` (conditions on the database). */
    async until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, recheckMs = 50): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error("condition not reached in time");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, recheckMs);
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
