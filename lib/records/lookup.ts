import { findSubject } from "@/lib/consent/subjects";
import type { SubjectRef } from "@/lib/consent/types";
import type { Sql } from "@/lib/db/types";

export type PersonLookup = SubjectRef;

/**
 * The person behind an identifier, by its keyed hash: public.find_subject hashes the value with
 * the workspace's secret inside the database and compares hashes, so the plain value is neither
 * stored nor logged. A value that is not valid for its kind, or that belongs to nobody in this
 * workspace (another workspace's people hash differently), finds nothing.
 */
export function findPerson(sql: Sql, workspaceId: string, lookup: PersonLookup): Promise<string | null> {
  return findSubject(sql, workspaceId, lookup);
}
