import { createHash, randomBytes } from "node:crypto";
import { runAsService } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { z } from "zod";
import { translatingErrors } from "./database-errors";

export const API_KEY_SCOPES = ["consent:write", "consent:read", "decisions:read", "contacts:write", "changes:read", "destinations:manage"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1)
    .refine((scopes) => new Set(scopes).size === scopes.length, "Each scope once"),
});

/** `csk_<8 hex prefix, shown in the console>_<32 url-safe characters>`. */
const SECRET_FORMAT = /^csk_([0-9a-f]{8})_[A-Za-z0-9_-]{32}$/;

export function apiKeyDigest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates a key as an owner or admin (RLS). The secret is returned once and only its SHA-256 is
 * stored; the console shows the prefix from then on.
 */
export async function createApiKey(
  sql: Sql,
  workspaceId: string,
  input: { name: string; scopes: ApiKeyScope[] },
): Promise<{ id: string; secret: string; prefix: string }> {
  const parsed = createApiKeyInputSchema.safeParse(input);
  if (!parsed.success) throw new ExpectedError("invalid_input");
  const prefix = randomBytes(4).toString("hex");
  const secret = `csk_${prefix}_${randomBytes(24).toString("base64url")}`;
  const rows = await translatingErrors(() =>
    sql.query<{ id: string }>(
      `insert into public.api_keys (workspace_id, name, prefix, key_hash, scopes, created_by)
       values ($1, $2, $3, $4, $5, (select auth.uid())) returning id`,
      [workspaceId, parsed.data.name, prefix, apiKeyDigest(secret), parsed.data.scopes],
    ),
  );
  return { id: rows[0]!.id, secret, prefix };
}

/** Keys of the workspace for the console (owners and admins; others see none). */
export function listApiKeys(sql: Sql, workspaceId: string): Promise<ApiKeySummary[]> {
  return sql.query<ApiKeySummary>(
    `select id, name, prefix, scopes, created_by as "createdBy", created_at as "createdAt", last_used_at as "lastUsedAt",
       revoked_at as "revokedAt"
     from public.api_keys where workspace_id = $1 order by created_at desc`,
    [workspaceId],
  );
}

// On globalThis: the console's Server Actions and the API's route handlers are bundled apart,
// each with its own copy of this module, yet must see one count (as lib/db/connection.ts).
const REVOCATIONS = Symbol.for("consentry.apiKeyRevocations");
type RevocationHolder = { [REVOCATIONS]?: number };

/**
 * Counts this process's revocations. The public API remembers verified keys for a few seconds
 * (lib/api/credential-cache.ts) and asks again whenever this count moved, so the instance that
 * revoked a key refuses it from the next request on; other instances within those seconds.
 */
export function apiKeyRevocations(): number {
  return (globalThis as RevocationHolder)[REVOCATIONS] ?? 0;
}

/** Revokes a key for good (owners and admins). `not_found` when it is not theirs or already revoked. */
export async function revokeApiKey(sql: Sql, workspaceId: string, keyId: string): Promise<void> {
  const rows = await translatingErrors(() =>
    sql.query("update public.api_keys set revoked_at = now() where workspace_id = $1 and id = $2 and revoked_at is null returning id", [
      workspaceId,
      keyId,
    ]),
  );
  if (rows.length === 0) throw new ExpectedError("not_found");
  (globalThis as RevocationHolder)[REVOCATIONS] = apiKeyRevocations() + 1;
}

/**
 * The workspace and scopes of a presented secret, or null (malformed, unknown or revoked). The
 * lookup is by the secret's SHA-256 through a unique index, so nothing compares the secret
 * itself byte by byte. Runs as the service: nobody is known yet.
 */
export async function verifyApiKey(
  db: Database,
  secret: string,
): Promise<{ workspaceId: string; keyId: string; scopes: ApiKeyScope[] } | null> {
  if (!SECRET_FORMAT.test(secret)) return null;
  const digest = apiKeyDigest(secret);
  return runAsService(db, "api-keys", async (sql) => {
    const [key] = await sql.query<{ id: string; workspace_id: string; scopes: ApiKeyScope[] }>(
      "select id, workspace_id, scopes from public.api_keys where key_hash = $1 and revoked_at is null",
      [digest],
    );
    if (!key) return null;
    // At most one write a minute per key, so busy keys do not contend on their row.
    await sql.query(
      "update public.api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')",
      [key.id],
    );
    return { workspaceId: key.workspace_id, keyId: key.id, scopes: key.scopes };
  });
}
