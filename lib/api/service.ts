import { runAsCaller, runAsService, type ServicePurpose } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";

/**
 * The service purpose of the public API (lib/db/caller.ts): work done after a workspace API
 * key was verified. Never used by an operator's request.
 */
const CONSENT_API = "consent-api" as unknown as ServicePurpose;

export function runAsApi<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsService(db, CONSENT_API, work);
}

/** Browser and anonymous work: the narrow security-definer functions granted to anon. */
export function runAsAnon<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  return runAsCaller(db, { kind: "anon" }, work);
}

/**
 * runAsApi for work that is ONE statement (recordConsent, decideMany: each a single function
 * call that is its own transaction). On PostgreSQL the statement goes to a connection that
 * already holds the service role and purpose for its whole session: one round trip instead of
 * the five of begin, role, settings, statement, commit. A second statement is refused, because
 * it would not share the first one's transaction. PGlite: runAsApi.
 */
export function runApiStatement<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  if (!db.sessionAs) return runAsApi(db, work);
  return work(oneStatement(db.sessionAs("service_role", { "request.context": JSON.stringify({ service: CONSENT_API }) })));
}

/** runAsAnon for work that is ONE statement (recordBrowserConsent), as runApiStatement. */
export function runAnonStatement<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  if (!db.sessionAs) return runAsAnon(db, work);
  return work(
    oneStatement(db.sessionAs("anon", { "request.jwt.claims": JSON.stringify({ role: "anon" }), "request.context": "{}" })),
  );
}

function oneStatement(session: Sql): Sql {
  let used = false;
  const once = () => {
    if (used) throw new Error("a single-statement API call issued a second statement: use runAsApi for several");
    used = true;
  };
  return {
    query<Row>(text: string, params?: readonly unknown[]) {
      once();
      return session.query<Row>(text, params);
    },
    exec(script: string) {
      once();
      return session.exec(script);
    },
  };
}
