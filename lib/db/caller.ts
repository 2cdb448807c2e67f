import type { Database, Sql } from "./types";

/** Supabase-shaped JWT claims: what policies read through auth.uid() and auth.jwt(). */
export interface Claims {
  sub: string;
  email?: string;
  role: "authenticated";
  aud?: string | string[];
  [claim: string]: unknown;
}

/** Who a piece of work runs as. */
export type Caller = { kind: "anon" } | { kind: "authenticated"; claims: Claims };

/** Request facts written into audit entries (`request.context`). Never includes secrets. */
export interface RequestContext {
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
}

/**
 * THE way to run work for somebody: one transaction, `set local role` to the API role and
 * `request.jwt.claims` to their claims, exactly as PostgREST does on Supabase. Row-level
 * security then decides what the work may see and change.
 */
export async function runAsCaller<T>(
  db: Database,
  caller: Caller,
  work: (sql: Sql) => Promise<T>,
  context: RequestContext = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    const role = caller.kind === "anon" ? "anon" : "authenticated";
    const claims = caller.kind === "anon" ? { role: "anon" } : caller.claims;
    await tx.exec(`set local role ${role}`);
    await tx.query(
      "select set_config('request.jwt.claims', $1, true), set_config('request.context', $2, true)",
      [JSON.stringify(claims), JSON.stringify(context)],
    );
    return work(tx);
  });
}

/**
 * The few things that run with the service role (bypassing RLS). Each use is named here, and
 * none serves an operator's request: operators always go through runAsCaller.
 */
export type ServicePurpose =
  | "local-accounts" // sign-up, sign-in, sessions of the embedded/Postgres profiles
  | "demo-seed" // the embedded profile's demo (lib/demo): seeding it on first start, finding it for /demo and the start-up message
  | "api-keys" // looking up a workspace API key by its hash, before anyone is known (lib/consent/api-keys.ts)
  | "consent-api" // requests authenticated by a workspace API key: record, decide, contacts, SMS (lib/consent)
  | "preference-centre-mail" // sending a queued message (verification, double opt-in) by SMTP, then redacting it (lib/preference-centre/mailer.ts)
  | "consent-expiry" // the scheduled sweep that records `expired` events (lib/consent/expiry-schedule.ts)
  | "destinations-api" // /api/v1/destinations, authenticated by a key of scope destinations:manage (lib/api/destinations.ts)
  | "sync"; // the delivery engine: claiming deliveries, building messages, recording attempts (lib/sync)

export async function runAsService<T>(
  db: Database,
  purpose: ServicePurpose,
  work: (sql: Sql) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec("set local role service_role");
    await tx.query("select set_config('request.context', $1, true)", [JSON.stringify({ service: purpose })]);
    return work(tx);
  });
}

/**
 * runAsService for work done on somebody's behalf: `actingUser` runs first, as the service role,
 * and names the user the work is for; `auth.uid()` is then that user for `work`, so created rows
 * have a creator and the audit log names who. `context` joins the purpose in `request.context`.
 */
export async function runAsServiceFor<T>(
  db: Database,
  purpose: ServicePurpose,
  actingUser: (sql: Sql) => Promise<string>,
  work: (sql: Sql) => Promise<T>,
  context: Record<string, unknown> = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec("set local role service_role");
    const sub = await actingUser(tx);
    await tx.query("select set_config('request.jwt.claims', $1, true), set_config('request.context', $2, true)", [
      JSON.stringify({ sub, role: "service_role" }),
      JSON.stringify({ service: purpose, ...context }),
    ]);
    return work(tx);
  });
}

/**
 * runAsService for work that is ONE statement (a single function call that is its own
 * transaction). On PostgreSQL the statement goes to a connection that already holds the service
 * role and purpose for its whole session: one round trip instead of the five of begin, role,
 * settings, statement, commit. A second statement is refused, because it would not share the
 * first one's transaction. PGlite: runAsService.
 */
export function runStatementAsService<T>(db: Database, purpose: ServicePurpose, work: (sql: Sql) => Promise<T>): Promise<T> {
  if (!db.sessionAs) return runAsService(db, purpose, work);
  return work(oneStatement(db.sessionAs("service_role", { "request.context": JSON.stringify({ service: purpose }) })));
}

/** runAsCaller as anon for work that is ONE statement, as runStatementAsService. */
export function runStatementAsAnon<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  if (!db.sessionAs) return runAsCaller(db, { kind: "anon" }, work);
  return work(oneStatement(db.sessionAs("anon", { "request.jwt.claims": JSON.stringify({ role: "anon" }), "request.context": "{}" })));
}

function oneStatement(session: Sql): Sql {
  let used = false;
  const once = () => {
    if (used) throw new Error("a single-statement call issued a second statement: use runAsService or runAsCaller for several");
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
