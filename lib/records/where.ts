import type { RecordFilters } from "./filters";

/**
 * The WHERE clause over `public.consent_events e` for a workspace and its filters, with the
 * parameters in order. Only the filters that are set appear, so the planner sees each query's
 * real shape and picks the index that serves it (supabase/migrations/20261124120000_records.sql).
 * The workspace condition is there for the planner; row-level security still decides.
 */
export function recordsWhere(workspaceId: string, filters: RecordFilters): { clause: string; params: unknown[] } {
  const params: unknown[] = [workspaceId];
  const conditions = ["e.workspace_id = $1"];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.purpose) add((p) => `e.purpose_id = ${p}::uuid`, filters.purpose);
  if (filters.state) add((p) => `e.state = ${p}::public.consent_status`, filters.state);
  if (filters.channel) add((p) => `e.channel = ${p}::public.collection_channel`, filters.channel);
  if (filters.region) add((p) => `e.region_code = ${p}`, filters.region);
  if (filters.method) add((p) => `e.method = ${p}::public.consent_method`, filters.method);
  if (filters.from) add((p) => `e.received_at >= (${p}::date)::timestamp at time zone 'UTC'`, filters.from);
  if (filters.to) add((p) => `e.received_at < (${p}::date + 1)::timestamp at time zone 'UTC'`, filters.to);
  if (filters.subject) {
    // The person and every (anonymous) subject merged into them.
    add(
      (p) => `e.subject_id in (
        with recursive joined(id) as (
          select ${p}::uuid
          union
          select s.id from public.subjects s join joined j on s.merged_into = j.id
        ) select id from joined)`,
      filters.subject,
    );
  }
  return { clause: conditions.join(" and "), params };
}

/** Appends a keyset condition "older than the cursor" to a where clause built above. */
export function olderThan(where: { clause: string; params: unknown[] }, cursor: { receivedAt: string; id: string } | null) {
  if (!cursor) return where;
  const params = [...where.params, cursor.receivedAt, cursor.id];
  return {
    clause: `${where.clause} and (e.received_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
    params,
  };
}

/** The received time as the cursor carries it: UTC with microseconds, exactly as stored. */
export const RECEIVED_AT_TEXT = `to_char(e.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
