import type { CollectionChannel, ConsentMethod, ConsentState, ExpressedBy, IdentifierKind } from "@/lib/consent/types";
import type { Sql } from "@/lib/db/types";
import { RECORDS_COUNT_CAP, RECORDS_PAGE_SIZE, recordCursorSchema, type RecordFilters } from "./filters";
import { olderThan, RECEIVED_AT_TEXT, recordsWhere } from "./where";

/** One ledger event as the explorer lists it. */
export interface RecordRow {
  id: string;
  subjectId: string;
  receivedAt: Date;
  purposeId: string;
  purposeKey: string;
  state: ConsentState;
  method: ConsentMethod;
  channel: CollectionChannel;
  expressedBy: ExpressedBy;
  identifierKind: IdentifierKind;
  regionCode: string;
  language: string;
  experienceVersionId: string | null;
}

export interface RecordsPage {
  rows: RecordRow[];
  /** Pass back as `page.after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** Matching events, counted up to RECORDS_COUNT_CAP + 1. */
  total: number;
  totalCapped: boolean;
}

/**
 * A page of the workspace's consent events, newest first, keyset-paged on (received_at, id) so
 * that page 1,000 costs what page 1 costs. Runs as the caller: row-level security decides what
 * they may read (every member of the workspace); an outsider gets an empty page.
 */
export async function searchRecords(
  sql: Sql,
  workspaceId: string,
  filters: RecordFilters,
  page: { after?: string | null; size?: number } = {},
): Promise<RecordsPage> {
  const size = Math.min(Math.max(page.size ?? RECORDS_PAGE_SIZE, 1), 500);
  const cursor = page.after && recordCursorSchema.safeParse(page.after).success ? page.after.split("~") : null;
  const where = recordsWhere(workspaceId, filters);
  const paged = olderThan(where, cursor ? { receivedAt: cursor[0]!, id: cursor[1]! } : null);
  const rows = await sql.query<RecordRow & { cursorAt: string }>(
    `select e.id, e.subject_id as "subjectId", e.received_at as "receivedAt", ${RECEIVED_AT_TEXT} as "cursorAt",
            e.purpose_id as "purposeId", e.purpose ->> 'key' as "purposeKey", e.state, e.method, e.channel,
            e.expressed_by as "expressedBy", e.identifier_kind as "identifierKind", e.region_code as "regionCode",
            e.language, e.experience_version_id as "experienceVersionId"
     from public.consent_events e
     where ${paged.clause}
     order by e.received_at desc, e.id desc
     limit ${size + 1}`,
    paged.params,
  );
  const [counted] = await sql.query<{ total: number }>(
    `select count(*)::int as total from (select 1 from public.consent_events e where ${where.clause} limit ${RECORDS_COUNT_CAP + 1}) matching`,
    where.params,
  );
  const more = rows.length > size;
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  return {
    rows: shown.map(({ cursorAt: _cursorAt, ...row }) => row),
    nextCursor: more && last ? `${last.cursorAt}~${last.id}` : null,
    total: Math.min(counted?.total ?? 0, RECORDS_COUNT_CAP),
    totalCapped: (counted?.total ?? 0) > RECORDS_COUNT_CAP,
  };
}

/** The exact number of matching events (an export's progress total). */
export async function countRecords(sql: Sql, workspaceId: string, filters: RecordFilters): Promise<number> {
  const where = recordsWhere(workspaceId, filters);
  const [row] = await sql.query<{ total: number }>(`select count(*)::int as total from public.consent_events e where ${where.clause}`, where.params);
  return row?.total ?? 0;
}
