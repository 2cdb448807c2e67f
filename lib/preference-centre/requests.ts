import { z } from "zod";
import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import { ExpectedError } from "@/lib/errors";
import { DATA_REQUEST_STATUSES, dataRequestSchema, type DataRequestKind, type DataRequestStatus } from "./types";

/** The person asks for a copy, deletion or correction of their data (`sql` as anon, by session). */
export async function requestSubjectData(
  sql: Sql,
  sessionToken: string,
  publicId: string,
  input: { kind: DataRequestKind; note?: string },
): Promise<{ requestId: string }> {
  const parsed = dataRequestSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const [row] = await translatingErrors(() =>
    sql.query<{ id: string }>("select public.request_subject_data($1, $2, $3, $4) as id", [
      sessionToken,
      publicId,
      parsed.data.kind,
      parsed.data.note ?? null,
    ]),
  );
  return { requestId: row!.id };
}

export interface DataSubjectRequest {
  id: string;
  subjectId: string;
  identifierKind: string;
  kind: DataRequestKind;
  status: DataRequestStatus;
  note: string | null;
  responseNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  handledBy: string | null;
  handledByEmail: string | null;
  handledAt: Date | null;
}

/** A workspace's data subject requests, newest first (owners, admins and legal: RLS decides). */
export async function listDataSubjectRequests(sql: Sql, workspaceId: string, options: { limit?: number } = {}): Promise<DataSubjectRequest[]> {
  return sql.query<DataSubjectRequest>(
    `select d.id, d.subject_id as "subjectId", d.identifier_kind as "identifierKind", d.kind, d.status, d.note,
            d.response_note as "responseNote", d.created_at as "createdAt", d.updated_at as "updatedAt",
            d.handled_by as "handledBy", p.email as "handledByEmail", d.handled_at as "handledAt"
     from public.data_subject_requests d
     left join public.profiles p on p.id = d.handled_by
     where d.workspace_id = $1
     order by d.created_at desc
     limit $2`,
    [workspaceId, Math.min(Math.max(options.limit ?? 200, 1), 500)],
  );
}

export const requestStatusChangeSchema = z.object({
  requestId: z.guid(),
  status: z.enum(DATA_REQUEST_STATUSES),
  responseNote: z.string().trim().max(2000).optional(),
});

/** Moves a request on (owners, admins and legal); who and when are stamped and audited by the database. */
export async function setDataSubjectRequestStatus(
  sql: Sql,
  workspaceId: string,
  change: z.infer<typeof requestStatusChangeSchema>,
): Promise<void> {
  const parsed = requestStatusChangeSchema.safeParse(change);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const rows = await translatingErrors(() =>
    sql.query(
      `update public.data_subject_requests set status = $3, response_note = coalesce($4, response_note)
       where workspace_id = $1 and id = $2 returning id`,
      [workspaceId, parsed.data.requestId, parsed.data.status, parsed.data.responseNote || null],
    ),
  );
  if (rows.length === 0) throw new ExpectedError("not_found");
}
