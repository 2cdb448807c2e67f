import "server-only";
import type { Database } from "@/lib/db/types";
import { noteRefusedOrigin, shouldNote } from "@/lib/experiences/refused-origins";
import { normalizeOrigin } from "./cors";
import { runAsApi } from "./service";

/**
 * Notes that the API refused `origin` for the live experience `publicId`, for the publishing
 * page's "Recently refused websites" with its one-click "Allow". Every refusal path calls it (the
 * live and embed routes, a public key from an origin not allowed, the database's own refusal);
 * at most once a minute per experience and origin in this process, and best effort: failing to
 * note never changes the answer.
 */
export async function noteOriginRefusal(db: Database, publicId: string, origin: string | null): Promise<void> {
  const normalized = normalizeOrigin(origin);
  if (normalized === null || !shouldNote(publicId, normalized)) return;
  await runAsApi(db, (sql) => noteRefusedOrigin(sql, publicId, normalized)).catch((error: unknown) =>
    console.error("[consentry] noting a refused origin failed:", error),
  );
}
