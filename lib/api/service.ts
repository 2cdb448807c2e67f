import { runAsCaller, runAsService, runStatementAsAnon, runStatementAsService, type ServicePurpose } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";

/**
 * The service purpose of the public API (lib/db/caller.ts): work done after a workspace API
 * key was verified. Never used by an operator's request.
 */
const CONSENT_API: ServicePurpose = "consent-api";

export function runAsApi<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsService(db, CONSENT_API, work);
}

/** Browser and anonymous work: the narrow security-definer functions granted to anon. */
export function runAsAnon<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsCaller(db, { kind: "anon" }, work);
}

/** runAsApi for work that is ONE statement (recordConsent, decideMany): see runStatementAsService. */
export function runApiStatement<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runStatementAsService(db, CONSENT_API, work);
}

/** runAsAnon for work that is ONE statement (recordBrowserConsent): see runStatementAsAnon. */
export function runAnonStatement<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runStatementAsAnon(db, work);
}
