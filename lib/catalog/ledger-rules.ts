import { z } from "zod";
import type { Sql } from "@/lib/db/types";

/**
 * The catalog settings the ledger reads: per purpose, double opt-in (an email address or phone
 * number confirms before a `given` counts) and how long a consent lasts; per workspace, the SMS
 * opt-out keywords beyond the built-in TD, 退订 and STOP. Owners and admins change them (the
 * database enforces it); every change is in the audit log (the tables' audit triggers).
 */

export const BUILT_IN_SMS_KEYWORDS = ["TD", "退订", "STOP"] as const;

export interface PurposeLedgerRules {
  id: string;
  doubleOptIn: boolean;
  /** Days a consent lasts after it is given; null: until withdrawn. */
  consentValidDays: number | null;
}

export const ledgerRulesSchema = z.object({
  doubleOptIn: z.boolean(),
  consentValidDays: z.number().int().min(1).max(36_500).nullable(),
});

export async function readPurposeLedgerRules(sql: Sql, workspaceId: string): Promise<PurposeLedgerRules[]> {
  return sql.query<PurposeLedgerRules>(
    `select id, double_opt_in as "doubleOptIn", consent_valid_days as "consentValidDays"
     from public.purposes where workspace_id = $1 order by key`,
    [workspaceId],
  );
}

export async function updatePurposeLedgerRules(sql: Sql, workspaceId: string, purposeId: string, rules: z.infer<typeof ledgerRulesSchema>): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    "update public.purposes set double_opt_in = $3, consent_valid_days = $4 where workspace_id = $1 and id = $2 returning id",
    [workspaceId, purposeId, rules.doubleOptIn, rules.consentValidDays],
  );
  return rows.length === 1;
}

/** Matched as the database matches: NFKC, trimmed, lower-case (private.normalise_keyword). */
export function normaliseKeyword(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase();
}

export const smsKeywordSchema = z
  .string()
  .transform(normaliseKeyword)
  .pipe(z.string().min(1).max(32).refine((value) => !/\s/.test(value), { message: "invalid_format" }));

export async function listSmsKeywords(sql: Sql, workspaceId: string): Promise<string[]> {
  const rows = await sql.query<{ keyword: string }>("select keyword from public.sms_opt_out_keywords where workspace_id = $1 order by keyword", [workspaceId]);
  return rows.map((row) => row.keyword);
}

export async function addSmsKeyword(sql: Sql, workspaceId: string, userId: string, keyword: string): Promise<void> {
  await sql.query(
    "insert into public.sms_opt_out_keywords (workspace_id, keyword, created_by) values ($1, $2, $3) on conflict (workspace_id, keyword) do nothing",
    [workspaceId, keyword, userId],
  );
}

export async function removeSmsKeyword(sql: Sql, workspaceId: string, keyword: string): Promise<void> {
  await sql.query("delete from public.sms_opt_out_keywords where workspace_id = $1 and keyword = $2", [workspaceId, keyword]);
}
