import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { env } from "@/lib/env";
import type { AddressPolicy } from "@/lib/sync/outbound/address-policy";
import { sendDeadLetterAlerts } from "./dead-letter-alert";
import { attemptDelivery, destinationSecrets, messageBody } from "./deliver";
import { REQUEST_TIMEOUT_MS } from "./http";
import { RETRY_DELAYS_MS } from "./schedule";
import { claimDeliveries, messageBases, nextDueAt, recordAttempt, type ClaimedDelivery } from "./store";

export const SYNC_CHANNEL = "consentry_sync";

export interface SyncWorkerOptions {
  /** Names this worker in `deliveries.claimed_by`. */
  workerId?: string;
  /** Deliveries in flight at once (different people or destinations). */
  concurrency?: number;
  /** How long a claim holds before another worker may take the delivery over (> the request timeout). */
  leaseMs?: number;
  /** Polling when nothing wakes the worker (a lost NOTIFY, PGlite in another process). */
  pollMs?: number;
  requestTimeoutMs?: number;
  retryDelaysMs?: readonly number[];
  policy: AddressPolicy;
  random?: () => number;
  /** Called with each unexpected error (a claim that failed, a database gone); default: console.error. */
  onError?: (error: unknown) => void;
  /**
   * The console's public address, for the link in a dead-letter alert (read when one is sent);
   * default CONSENTRY_PUBLIC_URL. Null: the link stays a path (the Outbox still opens it).
   */
  linkBase?: () => string | null;
}

/**
 * The delivery engine of one process. It claims due deliveries (lib/sync/engine/store.ts),
 * sends them (webhook or NATS), records every attempt, and loops: woken at once by the commit
 * NOTIFY of new deliveries (LISTEN on PostgreSQL and PGlite), by its own finished deliveries
 * (the next change of that person may go now), at the next retry's due time, and otherwise
 * every `pollMs`. Any number of workers in any number of processes share the work through the
 * database; none needs to know of another.
 */
export class SyncWorker {
  readonly workerId: string;
  private readonly options: Required<Omit<SyncWorkerOptions, "workerId">>;
  private running = false;
  private loop: Promise<void> | null = null;
  private inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private stopListening: (() => Promise<void>) | null = null;
  /** Destinations that answered 429 with Retry-After: not claimed here until then. */
  private cooling = new Map<string, number>();

  constructor(
    private readonly db: Database,
    options: SyncWorkerOptions,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.options = {
      concurrency: 16,
      leaseMs: REQUEST_TIMEOUT_MS * 4,
      pollMs: 1000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      retryDelaysMs: RETRY_DELAYS_MS,
      random: Math.random,
      onError: (error) => console.error("[consentry] sync worker:", error),
      linkBase: () => env.CONSENTRY_PUBLIC_URL ?? null,
      ...options,
    };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.stopListening = await this.db.listen(SYNC_CHANNEL, () => this.wake(), (error) => this.options.onError(error));
    } catch (error) {
      this.options.onError(error); // polling still delivers
    }
    this.loop = this.run();
  }

  /** Stops claiming, waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all([...this.inFlight]);
    await this.stopListening?.();
    this.stopListening = null;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let claimed: ClaimedDelivery[] = [];
      const free = this.options.concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.options.onError(error);
        }
      }
      for (const delivery of claimed) this.track(this.process(delivery));
      if (claimed.length > 0 && claimed.length === free) continue;
      if (this.woken) continue;
      await this.sleep(await this.sleepMs());
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
      });
    this.inFlight.add(tracked);
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = Date.now();
    for (const [id, until] of this.cooling) if (until <= now) this.cooling.delete(id);
    return runAsService(this.db, "sync", (sql) => claimDeliveries(sql, this.workerId, limit, this.options.leaseMs, [...this.cooling.keys()]));
  }

  private async process(delivery: ClaimedDelivery): Promise<void> {
    const prepared = await runAsService(this.db, "sync", async (sql) => {
      const base = (await messageBases(sql, [delivery.id])).get(delivery.id);
      if (!base) return null;
      return { body: await messageBody(sql, delivery, base), secrets: await destinationSecrets(sql, delivery) };
    });
    if (!prepared) return;
    const { attempt, outcome, retryAfterMs } = await attemptDelivery(delivery, prepared.body, prepared.secrets, {
      policy: this.options.policy,
      requestTimeoutMs: this.options.requestTimeoutMs,
      retryDelaysMs: this.options.retryDelaysMs,
      random: this.options.random,
    });
    // 429 slows the whole destination down here, not just this person's message.
    if (attempt.statusCode === 429 && retryAfterMs !== null) this.cooling.set(delivery.destination_id, Date.now() + retryAfterMs);
    await runAsService(this.db, "sync", (sql) => recordAttempt(sql, this.workerId, delivery, attempt, outcome));
    // Failed for good: the owners and admins hear of it (once per destination and episode: the
    // database queued the messages, or none when the destination already had dead deliveries).
    if (outcome.kind === "dead") {
      await sendDeadLetterAlerts(this.db, delivery.destination_id, this.options.linkBase()).catch((error: unknown) => this.options.onError(error));
    }
  }

  private async sleepMs(): Promise<number> {
    try {
      const due = await runAsService(this.db, "sync", (sql) => nextDueAt(sql));
      const until = due ? due.getTime() - Date.now() : Infinity;
      return until > 0 && until < this.options.pollMs ? until : this.options.pollMs;
    } catch (error) {
      this.options.onError(error);
      return this.options.pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
      if (this.woken || !this.running) this.wakeUp();
    });
  }
}
