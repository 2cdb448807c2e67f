import { createHash } from "node:crypto";
import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "./database-errors";

/**
 * Idempotency keys for routes other than recording consent (recordConsent claims its key inside
 * its own transaction, see the migration header). claim → do the work → finish (or release when
 * the work failed, so a retry may run). `in_flight` claims lapse after 60 s, `done` after 24 h.
 */
export type IdempotencyClaim =
  | { outcome: "claimed" }
  | { outcome: "replay"; response: unknown }
  | { outcome: "mismatch" } // same key, different body: 422
  | { outcome: "in_flight" }; // 409

/** A stable hash of a request body: keys sorted at every level. */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export async function claimIdempotencyKey(sql: Sql, workspaceId: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const [row] = await translatingErrors(() =>
    sql.query<{ outcome: IdempotencyClaim["outcome"]; response: unknown }>(
      "select outcome, response from public.claim_idempotency_key($1, $2, $3)",
      [workspaceId, key, hash],
    ),
  );
  return row!.outcome === "replay" ? { outcome: "replay", response: row!.response } : ({ outcome: row!.outcome } as IdempotencyClaim);
}

export async function finishIdempotencyKey(sql: Sql, workspaceId: string, key: string, response: unknown): Promise<void> {
  await translatingErrors(() => sql.query("select public.finish_idempotency_key($1, $2, $3::jsonb)", [workspaceId, key, JSON.stringify(response)]));
}

export async function releaseIdempotencyKey(sql: Sql, workspaceId: string, key: string): Promise<void> {
  await translatingErrors(() => sql.query("select public.release_idempotency_key($1, $2)", [workspaceId, key]));
}
