import type { Sql } from "@/lib/db/types";

/** How a destination is doing, from its deliveries and attempts (public.destination_health, under RLS). */
export interface DestinationHealth {
  destinationId: string;
  attempts: number;
  successfulAttempts: number;
  /** 0…1 over the window; null without attempts in it. */
  successRate: number | null;
  /** Commit → acknowledgement, 95th percentile over the window; null when nothing was acknowledged. */
  p95LagMs: number | null;
  /** Deliveries still to send (pending, retrying, in flight). */
  backlog: number;
  dead: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The window health is computed over. */
export const HEALTH_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function destinationHealth(sql: Sql, workspaceId: string, now: Date = new Date()): Promise<Map<string, DestinationHealth>> {
  const rows = await sql.query<DestinationHealth>(
    `select destination_id as "destinationId", attempts::int as attempts, successful_attempts::int as "successfulAttempts",
       success_rate as "successRate", p95_lag_ms as "p95LagMs", backlog::int as backlog, dead::int as dead,
       last_error as "lastError", last_error_at as "lastErrorAt"
     from public.destination_health($1, $2)`,
    [workspaceId, new Date(now.getTime() - HEALTH_WINDOW_MS)],
  );
  return new Map(rows.map((row) => [row.destinationId, row]));
}
