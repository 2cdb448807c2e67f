import type { Sql } from "@/lib/db/types";
import { ApiError } from "./api-error";

export interface RateLimit {
  /** Requests allowed per window for one caller on one route (overridable per caller in the database). */
  max: number;
  windowSeconds: number;
}

/**
 * Counts this request in the database (private.api_rate_limit_hit: one upsert, shared by every
 * instance) and refuses it with 429 and Retry-After once the caller's window is used up.
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
  if (row && row.hits > row.max_hits) {
    throw new ApiError("rate_limited", { limit: row.max_hits, windowSeconds: limit.windowSeconds }, { seconds: row.retry_after }, {
      "Retry-After": String(row.retry_after),
    });
  }
}
