import type { Sql } from "@/lib/db/types";
import type { DeliveryStatus } from "./delivery-log";

/** Where one change went: per destination, the best that happened to the deliveries carrying it. */
export interface EventPropagation {
  destinationId: string;
  destinationName: string;
  destinationDeleted: boolean;
  status: DeliveryStatus;
  deliveredAt: Date | null;
  attempts: number;
}

/** "delivered everywhere", "pending at …", "failed at …": what the timeline says of one change. */
export interface PropagationSummary {
  deliveredEverywhere: boolean;
  pending: string[];
  failed: string[];
  destinations: EventPropagation[];
}

/** Per event id, as the caller under RLS (public.event_propagation). Events sent nowhere are absent. */
export async function eventPropagation(sql: Sql, workspaceId: string, eventIds: readonly string[]): Promise<Map<string, PropagationSummary>> {
  if (eventIds.length === 0) return new Map();
  const rows = await sql.query<EventPropagation & { eventId: string }>(
    `select event_id as "eventId", destination_id as "destinationId", destination_name as "destinationName",
       destination_deleted as "destinationDeleted", status, delivered_at as "deliveredAt", attempts
     from public.event_propagation($1, $2::uuid[]) order by destination_name, destination_id`,
    [workspaceId, eventIds],
  );
  const byEvent = new Map<string, PropagationSummary>();
  for (const { eventId, ...row } of rows) {
    const summary = byEvent.get(eventId) ?? { deliveredEverywhere: true, pending: [], failed: [], destinations: [] };
    summary.destinations.push(row);
    if (row.status === "dead") summary.failed.push(row.destinationName);
    else if (row.status !== "delivered") summary.pending.push(row.destinationName);
    summary.deliveredEverywhere = summary.pending.length === 0 && summary.failed.length === 0;
    byEvent.set(eventId, summary);
  }
  return byEvent;
}
