import { randomBytes } from "node:crypto";
import type { Sql } from "@/lib/db/types";
import { open, seal } from "./envelope";
import { masterKeys, type MasterKeys } from "./master-key";

/**
 * Each workspace's data key: 32 random bytes, stored only wrapped by the master key
 * (private.workspace_data_keys through public.workspace_data_key). Made on first use: the
 * caller proposes a freshly wrapped key and the database keeps whichever was stored first.
 * Opened keys are remembered by their wrapped form, so a re-wrap (rotation) is picked up.
 */
const cache = new Map<string, Buffer>();
const wrapContext = (workspaceId: string) => `consentry.data-key:${workspaceId}`;

export async function workspaceDataKey(sql: Sql, workspaceId: string, keys: MasterKeys = masterKeys()): Promise<Buffer> {
  const proposedKey = randomBytes(32);
  const proposed = seal(keys.current, proposedKey, wrapContext(workspaceId));
  const [row] = await sql.query<{ wrapped_key: Uint8Array; master_key_id: string }>(
    "select wrapped_key, master_key_id from public.workspace_data_key($1, $2, $3)",
    [workspaceId, proposed, keys.currentId],
  );
  if (!row) throw new Error("workspace_data_key returned nothing");
  const wrapped = Buffer.from(row.wrapped_key);
  const master = keys.byId.get(row.master_key_id);
  if (!master) throw new Error(`the data key of workspace ${workspaceId} is wrapped by master key ${row.master_key_id}, which is not configured`);
  const cacheKey = `${workspaceId}:${wrapped.toString("base64")}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const key = open(master, wrapped, wrapContext(workspaceId));
  cache.set(cacheKey, key);
  return key;
}

/**
 * Master key rotation: re-wraps every data key wrapped by `fromId` with the current key; the
 * data keys (and so every value they encrypt) stay the same. Runs as the service. Returns how
 * many were re-wrapped.
 */
export async function rewrapDataKeys(sql: Sql, fromId: string, keys: MasterKeys = masterKeys()): Promise<number> {
  const old = keys.byId.get(fromId);
  if (!old) throw new Error(`master key ${fromId} is not configured (CONSENTRY_MASTER_KEY_PREVIOUS)`);
  if (fromId === keys.currentId) return 0;
  const rows = await sql.query<{ workspace_id: string; wrapped_key: Uint8Array }>("select workspace_id, wrapped_key from public.data_keys_wrapped_by($1)", [fromId]);
  let done = 0;
  for (const row of rows) {
    const wrapped = Buffer.from(row.wrapped_key);
    const key = open(old, wrapped, wrapContext(row.workspace_id));
    const [changed] = await sql.query<{ ok: boolean }>("select public.rewrap_data_key($1, $2, $3, $4) as ok", [
      row.workspace_id,
      wrapped,
      seal(keys.current, key, wrapContext(row.workspace_id)),
      keys.currentId,
    ]);
    if (changed?.ok) done += 1;
  }
  return done;
}
