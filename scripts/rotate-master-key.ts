/**
 * `npm run sync:rotate-master-key`: re-wraps every workspace data key wrapped by
 * CONSENTRY_MASTER_KEY_PREVIOUS with CONSENTRY_MASTER_KEY. The data keys, and so every value
 * they encrypt, stay the same; only their wrapping changes. Safe to run again.
 */
import { runAsService } from "@/lib/db/caller";
import { openPostgresDatabase } from "@/lib/db/postgres";
import { env } from "@/lib/env";
import { masterKeyId, parseKey } from "@/lib/sync/crypto/envelope";
import { rewrapDataKeys } from "@/lib/sync/crypto/data-keys";
import { masterKeys } from "@/lib/sync/crypto/master-key";

async function main() {
  if (!env.DATABASE_URL || !env.CONSENTRY_MASTER_KEY || !env.CONSENTRY_MASTER_KEY_PREVIOUS) {
    console.error("Set DATABASE_URL, CONSENTRY_MASTER_KEY (the new key) and CONSENTRY_MASTER_KEY_PREVIOUS (the old one).");
    process.exit(2);
  }
  const db = openPostgresDatabase(env.DATABASE_URL, { max: 1 });
  const fromId = masterKeyId(parseKey(env.CONSENTRY_MASTER_KEY_PREVIOUS));
  const done = await runAsService(db, "sync", (sql) => rewrapDataKeys(sql, fromId, masterKeys()));
  console.info(`re-wrapped ${done} data key(s) from master key ${fromId} to ${masterKeys().currentId}`);
  await db.close();
}

void main();
