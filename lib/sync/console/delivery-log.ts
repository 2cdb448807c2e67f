import { z } from "zod";
import type { Sql } from "@/lib/db/types";
import { maskedExcerpt } from "./mask";

export const DELIVERY_STATUSES = ["pending", "in_flight", "delivered", "retrying", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The log's filters, from the page's query string: status, person (subject id) and a time range. */
export const deliveryLogFiltersSchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  person: z.guid().optional().catch(undefined),
  from: z.iso.datetime({ local: true }).optional().catch(undefined),
  to: z.iso.datetime({ local: true }).optional().catch(undefined),
});
export type DeliveryLogFilters = z.infer<typeof deliveryLogFiltersSchema>;

export interface DeliveryAttemptRow {
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  ok: boolean;
  error: string | null;
  responseExcerpt: string | null;
}

export interface DeliveryLogRow {
  id: string;
  subjectId: string;
  seq: number;
  eventCount: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  replayOf: string | null;
  /** What the message carries (the outbox row's events), masked and cut; null for members the outbox is hidden from. */
  payloadExcerpt: string | null;
  recent: DeliveryAttemptRow[];
}

export const DELIVERY_LOG_LIMIT = 50;

/**
 * A destination's deliveries, newest first, with their latest attempts; as the caller under
 * RLS (members read deliveries and attempts; the payload comes from the outbox, which only
 * owners and admins read). Times are the browser's local times as typed (`from`, `to`), read
 * in `timeZone`.
 */
export async function deliveryLog(sql: Sql, workspaceId: string, destinationId: string, filters: DeliveryLogFilters, timeZone = "UTC"): Promise<DeliveryLogRow[]> {
  const rows = await sql.query<Omit<DeliveryLogRow, "payloadExcerpt" | "recent"> & { payload: unknown }>(
    `select d.id, d.subject_id as "subjectId", d.seq::int as seq, cardinality(d.event_ids) as "eventCount", d.status, d.attempts,
       d.next_attempt_at as "nextAttemptAt", d.last_status_code as "lastStatusCode", d.last_error as "lastError",
       d.delivered_at as "deliveredAt", d.created_at as "createdAt", d.replay_of as "replayOf",
       (select jsonb_build_object('type', o.topic, 'events', (
                 select jsonb_agg(e) from jsonb_array_elements(o.payload -> 'events') e where (e ->> 'id')::uuid = any (d.event_ids)))
        from public.outbox o where o.id = d.outbox_id) as payload
     from public.deliveries d
     where d.workspace_id = $1 and d.destination_id = $2
       and ($3::public.delivery_status is null or d.status = $3)
       and ($4::uuid is null or d.subject_id = $4)
       and ($5::timestamp is null or d.created_at >= ($5::timestamp at time zone $7))
       and ($6::timestamp is null or d.created_at < ($6::timestamp at time zone $7))
     order by d.created_at desc, d.outbox_id desc
     limit ${DELIVERY_LOG_LIMIT}`,
    [workspaceId, destinationId, filters.status ?? null, filters.person ?? null, filters.from ?? null, filters.to ?? null, timeZone],
  );
  const ids = rows.map((row) => row.id);
  const attempts =
    ids.length === 0
      ? []
      : await sql.query<DeliveryAttemptRow & { deliveryId: string }>(
          `select * from (
             select a.delivery_id as "deliveryId", a.attempted_at as "attemptedAt", a.status_code as "statusCode", a.latency_ms as "latencyMs",
               a.ok, a.error, a.response_excerpt as "responseExcerpt",
               row_number() over (partition by a.delivery_id order by a.attempted_at desc, a.id desc) as n
             from public.delivery_attempts a where a.workspace_id = $1 and a.delivery_id = any ($2::uuid[])
           ) recent where n <= 3 order by "attemptedAt" desc`,
          [workspaceId, ids],
        );
  return rows.map(({ payload, ...row }) => ({
    ...row,
    lastError: maskedExcerpt(row.lastError),
    payloadExcerpt: payload ? maskedExcerpt(JSON.stringify(payload, null, 1)) : null,
    recent: attempts
      .filter((a) => a.deliveryId === row.id)
      .map(({ deliveryId: _, ...a }) => ({ ...a, error: maskedExcerpt(a.error), responseExcerpt: maskedExcerpt(a.responseExcerpt) })),
  }));
}
