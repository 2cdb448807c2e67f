import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "./database-errors";

export type ChainBreak = "missing_row" | "broken_link" | "hash_mismatch" | "truncated" | "foreign_subject";

export interface SubjectChainVerdict {
  valid: boolean;
  checkedRows: number;
  firstInvalidSeq: number | null;
  firstInvalidId: string | null;
  reason: ChainBreak | null;
}

export interface LedgerVerdict extends SubjectChainVerdict {
  checkedSubjects: number;
  firstInvalidSubjectId: string | null;
}

/** Walks one subject's hash chain and names the first row that breaks it. */
export async function verifySubjectChain(sql: Sql, subjectId: string): Promise<SubjectChainVerdict> {
  const [row] = await translatingErrors(() =>
    sql.query<SubjectChainVerdict>(
      `select valid, checked_rows as "checkedRows", first_invalid_seq as "firstInvalidSeq", first_invalid_id as "firstInvalidId", reason
       from public.verify_subject_chain($1)`,
      [subjectId],
    ),
  );
  return row!;
}

/** Walks every subject chain of the workspace; stops at the first broken row. */
export async function verifyConsentLedger(sql: Sql, workspaceId: string): Promise<LedgerVerdict> {
  const [row] = await translatingErrors(() =>
    sql.query<LedgerVerdict>(
      `select valid, checked_subjects as "checkedSubjects", checked_rows as "checkedRows",
         first_invalid_subject_id as "firstInvalidSubjectId", first_invalid_seq as "firstInvalidSeq",
         first_invalid_id as "firstInvalidId", reason
       from public.verify_consent_ledger($1)`,
      [workspaceId],
    ),
  );
  return row!;
}
