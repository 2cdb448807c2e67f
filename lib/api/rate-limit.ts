import type { Database, Sql } from "@/lib/db/types";
import { ApiError } from "./api-error";
import { runApiStatement, runAsApi } from "./service";

export interface RateLimit {
  /** Requests allowed per window for one caller on one route (overridable per caller in the database). */
  max: number;
  windowSeconds: number;
}

function rateLimited(max: number, windowSeconds: number, retryAfter: number): ApiError {
  return new ApiError("rate_limited", { limit: max, windowSeconds }, { seconds: retryAfter }, { "Retry-After": String(retryAfter) });
}

/**
 * Counts this request in the database (private.api_rate_limit_hit: one upsert, shared by every
 * instance) and refuses it with 429 and Retry-After once the caller's window is used up. One
 * transaction per request: for routes that see few requests. apiRoute counts with
 * `countRequest` below.
 */
export async function enforceRateLimit(sql: Sql, route: string, subject: string, limit: RateLimit): Promise<void> {
  // Every request of one caller updates the same counter row, holding its lock until commit. A
  // commit that waits for the WAL flush would make those requests queue in single file; a
  // counter lost in a crash only forgives a few requests, so this transaction does not wait.
  await sql.exec("set local synchronous_commit to off");
  const [row] = await sql.query<{ hits: number; max_hits: number; retry_after: number }>(
    "select * from private.api_rate_limit_hit($1, $2, $3, $4)",
    [route, subject.slice(0, 200), limit.windowSeconds, limit.max],
  );
  if (row && row.hits > row.max_hits) throw rateLimited(row.max_hits, limit.windowSeconds, row.retry_after);
}

/** How often an instance adds the requests it counted to the shared counters. */
export const RATE_LIMIT_FLUSH_MS = 50;

interface Bucket {
  route: string;
  subject: string;
  windowSeconds: number;
  /** Epoch seconds at which the current window began. */
  windowStart: number;
  /** Every instance's requests in this window, as the database last said. */
  known: number;
  /** This instance's requests not yet added (pending) and being added right now (sending). */
  pending: number;
  sending: number;
  /** The limit that applies, as the database last said (a per-caller override or the route's). */
  max: number;
  defaultMax: number;
}

interface Counters {
  buckets: Map<string, Bucket>;
  /** Hits of windows that ended before they were added. */
  carried: { route: string; subject: string; windowStart: number; windowSeconds: number; hits: number; defaultMax: number }[];
  timer: ReturnType<typeof setTimeout> | null;
  flushing: boolean;
  /** Something was counted since the last flush began. */
  dirty: boolean;
  /** The flush under way, if any. */
  inFlight: Promise<void> | null;
}

const countersByDatabase = new WeakMap<Database, Counters>();
const MAX_BUCKETS = 50_000;

/**
 * The rate limit of apiRoute, counted without a database round trip per request. The first
 * request of a caller on a route in this process is counted in the database at once (which also
 * tells the limit that applies to that caller); after that this process counts in memory and
 * adds its counts to the shared counters every RATE_LIMIT_FLUSH_MS, one statement for every
 * caller, learning the other instances' counts and any changed override in return. Within one
 * instance the limit is exact; with N instances a caller can exceed it by what the other
 * instances admitted since their last addition (N × 50 ms of its traffic at most).
 */
export async function countRequest(db: Database, route: string, subject: string, limit: RateLimit): Promise<void> {
  const counters = countersOf(db);
  const key = `${route}|${subject.slice(0, 200)}`;
  const now = Date.now() / 1000;
  const windowStart = Math.floor(now / limit.windowSeconds) * limit.windowSeconds;
  const retryAfter = Math.max(1, Math.ceil(windowStart + limit.windowSeconds - now));
  const bucket = counters.buckets.get(key);
  if (!bucket) {
    const [row] = await runAsApi(db, async (sql) => {
      await sql.exec("set local synchronous_commit to off");
      return sql.query<{ hits: number; max_hits: number; retry_after: number }>("select * from private.api_rate_limit_hit($1, $2, $3, $4)", [
        route,
        subject.slice(0, 200),
        limit.windowSeconds,
        limit.max,
      ]);
    });
    const learned = counters.buckets.get(key);
    if (learned) learned.known = Math.max(learned.known, row!.hits);
    else {
      if (counters.buckets.size >= MAX_BUCKETS) forgetIdleBuckets(counters, now);
      counters.buckets.set(key, {
        route,
        subject: subject.slice(0, 200),
        windowSeconds: limit.windowSeconds,
        windowStart,
        known: row!.hits,
        pending: 0,
        sending: 0,
        max: row!.max_hits,
        defaultMax: limit.max,
      });
    }
    if (row!.hits > row!.max_hits) throw rateLimited(row!.max_hits, limit.windowSeconds, row!.retry_after);
    return;
  }
  if (bucket.windowStart !== windowStart) {
    if (bucket.pending > 0) {
      const { route: r, subject: s, windowStart: w, windowSeconds, pending, defaultMax } = bucket;
      counters.carried.push({ route: r, subject: s, windowStart: w, windowSeconds, hits: pending, defaultMax });
      counters.dirty = true;
    }
    bucket.windowStart = windowStart;
    bucket.known = 0;
    bucket.pending = 0;
    bucket.sending = 0;
  }
  bucket.pending += 1;
  counters.dirty = true;
  scheduleFlush(db, counters);
  if (bucket.known + bucket.sending + bucket.pending > bucket.max) throw rateLimited(bucket.max, limit.windowSeconds, retryAfter);
}

function countersOf(db: Database): Counters {
  let counters = countersByDatabase.get(db);
  if (!counters) {
    counters = { buckets: new Map(), carried: [], timer: null, flushing: false, dirty: false, inFlight: null };
    countersByDatabase.set(db, counters);
  }
  return counters;
}

function scheduleFlush(db: Database, counters: Counters): void {
  if (counters.timer || counters.flushing) return;
  counters.timer = setTimeout(() => {
    counters.timer = null;
    startFlush(db, counters);
  }, RATE_LIMIT_FLUSH_MS);
  counters.timer.unref?.();
}

/**
 * Adds every request counted so far to the shared counters now, and resolves once they are
 * there (a flush already under way included). For shutdown, and for tests that must not wait
 * on the timer.
 */
export async function flushRequestCounts(db: Database): Promise<void> {
  const counters = countersByDatabase.get(db);
  if (!counters) return;
  for (;;) {
    if (counters.inFlight) await counters.inFlight;
    else if (counters.timer || counters.dirty) {
      if (counters.timer) clearTimeout(counters.timer);
      counters.timer = null;
      startFlush(db, counters);
    } else return;
  }
}

function startFlush(db: Database, counters: Counters): void {
  const flushing = flush(db, counters).finally(() => {
    if (counters.inFlight === flushing) counters.inFlight = null;
  });
  counters.inFlight = flushing;
}

async function flush(db: Database, counters: Counters): Promise<void> {
  counters.flushing = true;
  counters.dirty = false;
  const sent: { bucket: Bucket; windowStart: number; hits: number }[] = [];
  const hits = counters.carried;
  counters.carried = [];
  for (const bucket of counters.buckets.values()) {
    if (bucket.pending === 0) continue;
    sent.push({ bucket, windowStart: bucket.windowStart, hits: bucket.pending });
    const { route, subject, windowStart, windowSeconds, pending, defaultMax } = bucket;
    hits.push({ route, subject, windowStart, windowSeconds, hits: pending, defaultMax });
    bucket.sending += pending;
    bucket.pending = 0;
  }
  try {
    if (hits.length === 0) return;
    const rows = await runApiStatement(db, (sql) =>
      sql.query<{ route: string; subject: string; window_start: number; hits_total: number; max_hits: number }>(
        "select route, subject, window_start, hits_total, max_hits from private.api_rate_limit_add($1::jsonb)",
        [JSON.stringify(hits)],
      ),
    );
    const totals = new Map(rows.map((row) => [`${row.route}|${row.subject}|${row.window_start}`, row]));
    for (const { bucket, windowStart, hits: added } of sent) {
      if (bucket.windowStart !== windowStart) continue; // the window ended meanwhile
      bucket.sending -= added;
      const row = totals.get(`${bucket.route}|${bucket.subject}|${windowStart}`);
      if (row) {
        bucket.known = row.hits_total;
        bucket.max = row.max_hits;
      }
    }
  } catch (error) {
    // These requests stay uncounted, as a counter lost in a crash forgives a few; retrying
    // against a database that is gone would only pile up.
    console.error("[consentry] rate-limit counters not saved:", (error as Error).message);
    for (const { bucket, windowStart, hits: added } of sent) {
      if (bucket.windowStart === windowStart) bucket.sending -= added;
    }
  } finally {
    counters.flushing = false;
    if (counters.dirty) scheduleFlush(db, counters);
  }
}

/** Keeps memory bounded: buckets whose window is over and that have nothing to add are dropped. */
function forgetIdleBuckets(counters: Counters, now: number): void {
  for (const [key, bucket] of counters.buckets) {
    if (bucket.pending === 0 && bucket.sending === 0 && bucket.windowStart + bucket.windowSeconds < now) counters.buckets.delete(key);
  }
}
