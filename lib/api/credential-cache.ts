import type { Database } from "@/lib/db/types";

/**
 * How long a verified credential (a secret API key, an experience's public key with its allowed
 * origins and live version) is trusted without asking the database again. Revoking a key,
 * unpublishing an experience or removing an allowed origin takes effect within this time in
 * every instance. Unknown and revoked credentials are never remembered: the next request asks
 * again, and a new key works at once.
 */
export const CREDENTIAL_CACHE_SECONDS = 5;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  expiresAt: number;
  value: Promise<T | null>;
}

const cachesByDatabase = new WeakMap<Database, Map<string, Entry<unknown>>>();

/**
 * `load()`'s answer for `key`, shared by concurrent requests and kept `ttlSeconds` when it is
 * not null. A failed or null load is forgotten at once. `fresh` asks again whatever is kept
 * (before a refusal based on what was kept) and keeps the new answer.
 */
export function cachedCredential<T>(
  db: Database,
  key: string,
  load: () => Promise<T | null>,
  { ttlSeconds = CREDENTIAL_CACHE_SECONDS, fresh = false }: { ttlSeconds?: number; fresh?: boolean } = {},
): Promise<T | null> {
  let cache = cachesByDatabase.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDatabase.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key) as Entry<T> | undefined;
  if (hit && hit.expiresAt > now && !fresh) return hit.value;
  if (hit) cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!); // the oldest
  const entries = cache;
  const value = load();
  const entry: Entry<T> = { expiresAt: now + ttlSeconds * 1000, value };
  entries.set(key, entry);
  value.then(
    (found) => {
      if (found === null && entries.get(key) === entry) entries.delete(key);
    },
    () => {
      if (entries.get(key) === entry) entries.delete(key);
    },
  );
  return value;
}
