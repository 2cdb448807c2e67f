import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deploymentProfile, env } from "@/lib/env";
import { masterKeyId, parseKey } from "./envelope";

/**
 * The master key that wraps every workspace's data key. It never enters the database.
 *   * CONSENTRY_MASTER_KEY (32 bytes, base64): required on PostgreSQL and Supabase (on Supabase,
 *     keep it in the platform's secret store, e.g. Vault or the hosting's environment, never in
 *     a table the API can read);
 *   * CONSENTRY_MASTER_KEY_PREVIOUS: during a rotation, the key being replaced, so data keys it
 *     wrapped still open until `npm run sync:rotate-master-key` has re-wrapped them;
 *   * the embedded profile without the variable: a key made once in its data folder
 *     (`<CONSENTRY_DATA_DIR>/../master.key`, mode 0600), so nothing more is needed to start;
 *   * tests without the variable: one random key per process.
 */
export interface MasterKeys {
  current: Buffer;
  currentId: string;
  /** Every key that may open a wrapped data key, by id (the current one included). */
  byId: ReadonlyMap<string, Buffer>;
}

const HOLDER = Symbol.for("consentry.masterKeys");
type Holder = { [HOLDER]?: MasterKeys };

export function masterKeys(): MasterKeys {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= loadMasterKeys();
  return holder[HOLDER];
}

/**
 * The keys, or null when none is configured (PostgreSQL without CONSENTRY_MASTER_KEY): paths
 * that can do without (keeping identifier values) then skip, and say so once.
 */
let warned = false;
export function configuredMasterKeys(): MasterKeys | null {
  try {
    return masterKeys();
  } catch (error) {
    if (!warned) console.warn(`[consentry] ${(error as Error).message}: identifier values are not kept`);
    warned = true;
    return null;
  }
}

/** Replaces the process's keys (tests that share one key with worker processes). */
export function useMasterKeys(keys: MasterKeys): void {
  (globalThis as Holder)[HOLDER] = keys;
}

/** Builds the key set from explicit keys (tests of rotation; the rotation script). */
export function masterKeySet(current: Buffer, previous: Buffer[] = []): MasterKeys {
  const byId = new Map<string, Buffer>();
  for (const key of [current, ...previous]) byId.set(masterKeyId(key), key);
  return { current, currentId: masterKeyId(current), byId };
}

function loadMasterKeys(): MasterKeys {
  const previous = env.CONSENTRY_MASTER_KEY_PREVIOUS ? [parseKey(env.CONSENTRY_MASTER_KEY_PREVIOUS)] : [];
  if (env.CONSENTRY_MASTER_KEY) return masterKeySet(parseKey(env.CONSENTRY_MASTER_KEY), previous);
  if (env.NODE_ENV === "test") return masterKeySet(randomBytes(32), previous);
  if (deploymentProfile() !== "embedded") {
    throw new Error("CONSENTRY_MASTER_KEY is required with DATABASE_URL (32 random bytes in base64: openssl rand -base64 32)");
  }
  const file = path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.CONSENTRY_DATA_DIR)), "master.key");
  try {
    return masterKeySet(parseKey(readFileSync(file, "utf8")), previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // `wx`: two processes starting at once never overwrite each other's key; the loser reads it.
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return masterKeySet(parseKey(readFileSync(file, "utf8")), previous);
}
