import type { Sql } from "@/lib/db/types";
import type { StoredIdentifier } from "@/lib/sync/identifiers";
import type { IdentifierPolicy } from "@/lib/sync/destinations/schemas";

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  workspace_id: string;
  destination_id: string;
  subject_id: string;
  seq: number;
  attempts: number;
  kind: "webhook" | "nats";
  config: { url?: string; servers?: string[]; subject?: string };
  identifier_policy: IdentifierPolicy;
  secrets: Uint8Array;
}

/**
 * Claims up to `limit` due deliveries for `workerId`, each the OLDEST open delivery of its
 * (destination, person): a later change about a person waits while an earlier one is pending,
 * retrying or in flight, so per person and destination messages leave in commit order, while
 * different people go in parallel. FOR UPDATE SKIP LOCKED lets any number of workers claim at
 * once without waiting on each other or claiming the same row; a claimed row is `in_flight`
 * until `leaseMs` from now, after which another worker may claim it again (its worker died),
 * hence at least once. Destinations paused, disabled, deleted or cooling down are skipped.
 */
export async function claimDeliveries(sql: Sql, workerId: string, limit: number, leaseMs: number, coolingDestinations: readonly string[]): Promise<ClaimedDelivery[]> {
  return sql.query<ClaimedDelivery>(
    `with due as (
       select d.id from public.deliveries d
       join public.destinations t on t.id = d.destination_id
       where d.status in ('pending', 'retrying', 'in_flight') and d.next_attempt_at <= now()
         and not t.paused and t.disabled_at is null and t.deleted_at is null
         and not (d.destination_id = any ($4::uuid[]))
         and not exists (
           select 1 from public.deliveries e
           where e.destination_id = d.destination_id and e.subject_id = d.subject_id
             and e.status in ('pending', 'retrying', 'in_flight')
             and (e.outbox_id, e.created_at, e.id) < (d.outbox_id, d.created_at, d.id))
       order by d.next_attempt_at
       limit $1
       for update of d skip locked
     )
     update public.deliveries d
     set status = 'in_flight', attempts = d.attempts + 1, claimed_by = $2,
       next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
     from due, public.destinations t
     where d.id = due.id and t.id = d.destination_id
     returning d.id, d.workspace_id, d.destination_id, d.subject_id, d.seq, d.attempts, t.kind, t.config, t.identifier_policy, t.secrets`,
    [limit, workerId, leaseMs, coolingDestinations],
  );
}

/**
 * What public.sync_messages answers per delivery. `events` are as of the change; `state`,
 * `preferences` and `stateSeq` are read when the message is built (current at send, by design:
 * README, Sync, "State is current at send").
 */
export interface MessageBase {
  type: string;
  id: string;
  workspace: string;
  subject: { id: string; seq: number };
  events: unknown[];
  state: Record<string, unknown>;
  preferences: unknown;
  stateSeq: number;
  committedAt: string;
  identifiers: StoredIdentifier[];
}

export async function messageBases(sql: Sql, deliveryIds: readonly string[]): Promise<Map<string, MessageBase>> {
  const rows = await sql.query<{ delivery_id: string; message: MessageBase }>("select delivery_id, message from public.sync_messages($1::uuid[])", [deliveryIds]);
  return new Map(rows.map((row) => [row.delivery_id, row.message]));
}

export type Outcome =
  | { kind: "delivered" }
  | { kind: "retry"; delayMs: number }
  | { kind: "dead" }
  /** 410 Gone: the destination is disabled; the delivery waits for it to be resumed. */
  | { kind: "gone" };

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  ok: boolean;
  error: string | null;
  excerpt: string;
}

/**
 * Records one attempt and its outcome. The delivery only changes while it is still this
 * worker's claim (same claimant, same attempt number): a worker whose claim lapsed and was
 * taken over records its attempt but does not overwrite the newer state.
 */
export async function recordAttempt(sql: Sql, workerId: string, delivery: ClaimedDelivery, attempt: AttemptRecord, outcome: Outcome): Promise<void> {
  await sql.query(
    `insert into public.delivery_attempts (delivery_id, workspace_id, destination_id, status_code, latency_ms, ok, error, response_excerpt)
     values ($1, $2, $3, $4, $5, $6, left($7, 1000), left($8, 1000))`,
    [delivery.id, delivery.workspace_id, delivery.destination_id, attempt.statusCode, attempt.latencyMs, attempt.ok, attempt.error, attempt.excerpt || null],
  );
  const status = outcome.kind === "delivered" ? "delivered" : outcome.kind === "dead" ? "dead" : "retrying";
  const delayMs = outcome.kind === "retry" ? outcome.delayMs : 0;
  await sql.query(
    `update public.deliveries set status = $3::public.delivery_status, claimed_by = null, last_status_code = $4, last_error = left($5, 1000),
       delivered_at = case when $3::public.delivery_status = 'delivered' then now() end,
       next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)
     where id = $1 and claimed_by = $2 and attempts = $7 and status = 'in_flight'`,
    [delivery.id, workerId, status, attempt.statusCode, attempt.error, delayMs, delivery.attempts],
  );
  if (outcome.kind === "gone") {
    await sql.query(
      `update public.destinations set disabled_at = now(), disabled_reason = $2 where id = $1 and disabled_at is null`,
      [delivery.destination_id, "The receiver answered 410 Gone: deliveries are held until the destination is resumed."],
    );
  }
}

/** When the next open delivery falls due (for the worker's sleep), or null when none is open. */
export async function nextDueAt(sql: Sql): Promise<Date | null> {
  const [row] = await sql.query<{ at: Date | null }>(
    `select min(d.next_attempt_at) as at from public.deliveries d join public.destinations t on t.id = d.destination_id
     where d.status in ('pending', 'retrying', 'in_flight') and not t.paused and t.disabled_at is null and t.deleted_at is null`,
  );
  return row?.at ?? null;
}
