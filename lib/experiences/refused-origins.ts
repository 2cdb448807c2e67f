import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { normaliseOrigin } from "./allowed-origins";

/** A website the API refused for an experience, as the publishing page lists it. */
export interface RefusedOrigin {
  origin: string;
  refusals: number;
  firstRefusedAt: Date;
  lastRefusedAt: Date;
}

/** How often one origin's refusal of one experience is written: a busy site must not write on every page view. */
export const NOTE_INTERVAL_MS = 60_000;
const MAX_REMEMBERED = 5_000;
const noted = new Map<string, number>();

/** Whether this origin's refusal should be written now (at most once a minute per experience and origin, in this process). */
export function shouldNote(publicId: string, origin: string, now = Date.now()): boolean {
  const key = `${publicId} ${origin}`;
  const last = noted.get(key);
  if (last !== undefined && now - last < NOTE_INTERVAL_MS) return false;
  if (noted.size >= MAX_REMEMBERED) noted.delete(noted.keys().next().value!);
  noted.delete(key);
  noted.set(key, now);
  return true;
}

/** Notes that `origin` was refused for the live experience `publicId` (`sql` as the API service; bounded in the database). */
export async function noteRefusedOrigin(sql: Sql, publicId: string, origin: string): Promise<void> {
  await sql.query("select private.note_refused_origin($1, $2)", [publicId, origin]);
}

/** The origins recently refused for an experience and not allowed since, newest first (`sql` as a member: RLS decides). */
export async function listRefusedOrigins(sql: Sql, workspaceId: string, experienceId: string): Promise<RefusedOrigin[]> {
  const rows = await sql.query<{ origin: string; refusals: string | number; first_refused_at: Date | string; last_refused_at: Date | string }>(
    `select r.origin, r.refusals, r.first_refused_at, r.last_refused_at
     from public.refused_origins r join public.experiences e on e.id = r.experience_id
     where r.workspace_id = $1 and r.experience_id = $2 and not (r.origin = any (e.allowed_origins))
     order by r.recency desc`,
    [workspaceId, experienceId],
  );
  return rows.map((row) => ({
    origin: row.origin,
    refusals: Number(row.refusals),
    firstRefusedAt: new Date(row.first_refused_at),
    lastRefusedAt: new Date(row.last_refused_at),
  }));
}

/**
 * Adds one origin to the experience's allowed origins in one statement (two people allowing two
 * sites at once both stay), through the same audited update as the allowed-origins form.
 */
export async function allowOrigin(sql: Sql, workspaceId: string, experienceId: string, origin: string): Promise<void> {
  const normalised = normaliseOrigin(origin);
  if (!normalised) throw new ExpectedError("invalid_input");
  const rows = await sql.query(
    `update public.experiences
     set allowed_origins = case when $3 = any (allowed_origins) then allowed_origins else allowed_origins || $3::text end
     where workspace_id = $1 and id = $2 and cardinality(allowed_origins) < 50
     returning id`,
    [workspaceId, experienceId, normalised],
  );
  if (rows.length !== 1) throw new ExpectedError("forbidden");
}
