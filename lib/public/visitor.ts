import "server-only";
import { getDatabase } from "@/lib/db/connection";
import { runAsCaller } from "@/lib/db/caller";
import type { Sql } from "@/lib/db/types";
import { currentRequestContext } from "@/lib/http/request-context";

/** Public pages run as `anon`: they reach data only through the narrow functions granted to it. */
export async function asVisitor<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsCaller(await getDatabase(), { kind: "anon" }, work, await currentRequestContext());
}
