import { createHash } from "node:crypto";
import type { Sql } from "@/lib/db/types";
import { open, seal } from "./crypto/envelope";
import { workspaceDataKey } from "./crypto/data-keys";
import { configuredMasterKeys } from "./crypto/master-key";
import type { IdentifierPolicy } from "./destinations/schemas";

/**
 * Identifiers that can be delivered (issue 14 §2). The ledger files people under keyed hashes;
 * the normalised value is kept beside, sealed with the workspace's data key and bound to its
 * identifier (workspace, kind, keyed hash), in private.subject_identifier_values. Only the
 * forms a destination's identifier policy names ever leave, and only in messages.
 */
const context = (workspaceId: string, kind: string, hash: string) => `consentry.identifier:${workspaceId}:${kind}:${hash}`;

export type IdentifierKind = "email" | "phone" | "member_id" | "device_id" | "wechat_openid" | "wechat_unionid";

/**
 * Keeps the sealed value of an identifier the service just recorded. Runs as the service
 * (consent-api). Returns false when the value is not valid for its kind or was already kept.
 */
export async function keepIdentifierValue(sql: Sql, workspaceId: string, kind: IdentifierKind, value: string): Promise<boolean> {
  const keys = configuredMasterKeys();
  if (!keys) return false;
  const [row] = await sql.query<{ normalised: string; identifier_hash: string }>(
    "select normalised, identifier_hash from public.identifier_normalised($1, $2, $3)",
    [workspaceId, kind, value],
  );
  if (!row) return false;
  const key = await workspaceDataKey(sql, workspaceId, keys);
  const sealed = seal(key, Buffer.from(row.normalised, "utf8"), context(workspaceId, kind, row.identifier_hash));
  const [stored] = await sql.query<{ ok: boolean }>("select public.store_identifier_value($1, $2, $3, $4) as ok", [workspaceId, kind, row.identifier_hash, sealed]);
  return stored?.ok === true;
}

/**
 * The same for the value a person typed to start proving control of it in the preference centre
 * (`challengeId` just started; runs as the service): sealed the same way, parked on the
 * challenge, and kept for the identifier by the database once the code or link is verified
 * (supabase/migrations/20261208020100_centre_identifier_values.sql). Returns false when there is
 * no master key or `value` is not what the challenge was made for.
 */
export async function keepChallengeIdentifierValue(sql: Sql, challengeId: string, value: string): Promise<boolean> {
  const keys = configuredMasterKeys();
  if (!keys) return false;
  const [row] = await sql.query<{ workspace_id: string; kind: IdentifierKind; identifier_hash: string; normalised: string }>(
    "select workspace_id, kind, identifier_hash, normalised from public.challenge_identifier($1, $2)",
    [challengeId, value],
  );
  if (!row) return false;
  const key = await workspaceDataKey(sql, row.workspace_id, keys);
  const sealed = seal(key, Buffer.from(row.normalised, "utf8"), context(row.workspace_id, row.kind, row.identifier_hash));
  const [stored] = await sql.query<{ ok: boolean }>("select public.keep_challenge_identifier_value($1, $2) as ok", [challengeId, sealed]);
  return stored?.ok === true;
}

/** An identifier as public.sync_messages lists it: the keyed hash and the sealed value, if one was ever kept. */
export interface StoredIdentifier {
  kind: IdentifierKind;
  hash: string;
  sealed: string | null;
}

export type DeliveredIdentifier =
  | { kind: IdentifierKind; form: "plain" | "sha256" | "md5"; value: string }
  | { kind: IdentifierKind; form: "plain" | "sha256" | "md5"; available: false; reason: "hash_only" };

/**
 * The identifiers a message carries under `policy`: for every identifier of a kind the policy
 * names, the value in that form (sha256 / md5: lower-case hex of the normalised value, as ad
 * platforms match); an identifier whose value was never kept says so. Nothing else leaves.
 */
export async function identifiersForPolicy(
  sql: Sql,
  workspaceId: string,
  policy: IdentifierPolicy,
  stored: readonly StoredIdentifier[],
): Promise<DeliveredIdentifier[]> {
  const out: DeliveredIdentifier[] = [];
  let key: Buffer | null = null;
  for (const identifier of stored) {
    const form = policy[identifier.kind];
    if (!form) continue;
    if (!identifier.sealed) {
      out.push({ kind: identifier.kind, form, available: false, reason: "hash_only" });
      continue;
    }
    key ??= await workspaceDataKey(sql, workspaceId);
    const value = open(key, Buffer.from(identifier.sealed, "base64"), context(workspaceId, identifier.kind, identifier.hash)).toString("utf8");
    out.push({ kind: identifier.kind, form, value: form === "plain" ? value : createHash(form).update(value, "utf8").digest("hex") });
  }
  return out;
}

// Identifiers whose value this process already kept (SHA-256 of workspace, kind and raw value):
// their recordings take the API's one-statement path again.
const kept = new Set<string>();
const keptKey = (workspaceId: string, kind: string, value: string) => createHash("sha256").update(`${workspaceId}\u0000${kind}\u0000${value}`).digest("base64");

/** Whether this process has already kept this value (the recording can skip keeping it). */
export function identifierValueKept(workspaceId: string, kind: IdentifierKind, value: string): boolean {
  return kept.has(keptKey(workspaceId, kind, value));
}

/** Notes a kept value (bounded: forgotten wholesale past 100,000 entries, which only costs a re-keep). */
export function noteIdentifierValueKept(workspaceId: string, kind: IdentifierKind, value: string): void {
  if (kept.size >= 100_000) kept.clear();
  kept.add(keptKey(workspaceId, kind, value));
}
