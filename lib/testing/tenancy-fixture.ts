import { randomBytes, randomUUID } from "node:crypto";
import { tokenDigest } from "@/lib/auth/tokens";
import { runAsCaller, type Caller, type Claims, type RequestContext } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";
import type { TestDatabase } from "./databases";
import { WORKSPACE_ROLES, type WorkspaceRole } from "@/lib/tenancy/schemas";

/**
 * Two workspaces built through the same paths the product uses (profiles inserted by their own
 * accounts, `public.create_workspace`, members added by the owner under RLS), for suites that
 * need somebody of each role. Workspace A has one member per role and a pending invitation;
 * the outsider is signed in and owns workspace B, but is no member of A.
 */

export { WORKSPACE_ROLES, type WorkspaceRole };
export type PersonaName = WorkspaceRole | "outsider";
export const PERSONA_NAMES: readonly PersonaName[] = [...WORKSPACE_ROLES, "outsider"];

export interface Persona {
  name: string;
  id: string;
  email: string;
  claims: Claims;
  caller: Caller;
}

export interface FixtureInvitation {
  id: string;
  /** The secret of the link; the database only holds `tokenHash`. */
  token: string;
  tokenHash: string;
  email: string;
  role: WorkspaceRole;
}

export interface TenancyFixture {
  db: Database;
  personas: Record<PersonaName, Persona>;
  workspaceA: string;
  workspaceB: string;
  /** Pending, sent by A's owner to an address that has no account yet. */
  invitation: FixtureInvitation;
  /** Runs `work` in one transaction as `persona`, under RLS (see runAsCaller). */
  as<T>(persona: PersonaName | Persona, work: (sql: Sql) => Promise<T>, context?: RequestContext): Promise<T>;
  asAnon<T>(work: (sql: Sql) => Promise<T>, context?: RequestContext): Promise<T>;
}

/** Supabase-shaped claims of a signed-in account. */
export function claimsFor(id: string, email: string): Claims {
  return { sub: id, email, role: "authenticated", aud: "authenticated" };
}

/** A signed-in account with no profile yet (what a first sign-in looks like to the database). */
export function newPersona(name: string, email: string = `${name}.${randomBytes(4).toString("hex")}@example.test`): Persona {
  const id = randomUUID();
  const claims = claimsFor(id, email);
  return { name, id, email, claims, caller: { kind: "authenticated", claims } };
}

/** A signed-in account that has created its own profile, as the console does on first sign-in. */
export async function createAccount(db: Database, name: string, email?: string): Promise<Persona> {
  const persona = newPersona(name, email);
  await runAsCaller(db, persona.caller, (sql) =>
    sql.query("insert into public.profiles (id, email, display_name) values ($1, $2, $3)", [
      persona.id,
      persona.email,
      `Fixture ${name}`,
    ]),
  );
  return persona;
}

/** Creates a workspace as `owner` through `public.create_workspace`; returns its id. */
export async function createWorkspace(db: Database, owner: Persona, name: string): Promise<string> {
  const [row] = await runAsCaller(db, owner.caller, (sql) =>
    sql.query<{ id: string }>("select public.create_workspace($1, $2, $3, 'en') as id", [
      name,
      `${name} Ltd.`,
      "1 Example Street, Example City",
    ]),
  );
  if (!row) throw new Error("create_workspace returned nothing");
  return row.id;
}

/** Adds `member` to `workspaceId` with `role`, as `actor` under RLS (an owner or an admin). */
export async function addMember(db: Database, actor: Persona, workspaceId: string, member: Persona, role: WorkspaceRole) {
  await runAsCaller(db, actor.caller, (sql) =>
    sql.query("insert into public.memberships (workspace_id, user_id, role) values ($1, $2, $3)", [
      workspaceId,
      member.id,
      role,
    ]),
  );
}

/** Invites `email` to `workspaceId` as `actor` under RLS; the token is random unless given. */
export async function createInvitation(
  db: Database,
  actor: Persona,
  workspaceId: string,
  email: string,
  role: WorkspaceRole,
  options: { token?: string; expiresAt?: Date } = {},
): Promise<FixtureInvitation> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  const tokenHash = tokenDigest(token);
  const [row] = await runAsCaller(db, actor.caller, (sql) =>
    sql.query<{ id: string }>(
      `insert into public.invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
       values ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now() + interval '7 days')) returning id`,
      [workspaceId, email, role, tokenHash, actor.id, options.expiresAt?.toISOString() ?? null],
    ),
  );
  if (!row) throw new Error("invitation insert returned nothing");
  return { id: row.id, token, tokenHash, email, role };
}

export async function buildTenancyFixture(database: TestDatabase | Database): Promise<TenancyFixture> {
  const db = "superuser" in database ? database.db : database;
  const tag = randomBytes(3).toString("hex");
  const personas = {} as Record<PersonaName, Persona>;
  for (const name of PERSONA_NAMES) personas[name] = await createAccount(db, name, `${name}.${tag}@example.test`);

  const workspaceA = await createWorkspace(db, personas.owner, `Workspace A ${tag}`);
  for (const role of ["admin", "editor", "legal", "viewer"] as const) {
    await addMember(db, personas.owner, workspaceA, personas[role], role);
  }
  const workspaceB = await createWorkspace(db, personas.outsider, `Workspace B ${tag}`);
  const invitation = await createInvitation(db, personas.owner, workspaceA, `invitee.${tag}@example.test`, "editor", {
    token: `fixture-invitation-${tag}`,
  });

  const resolve = (persona: PersonaName | Persona) => (typeof persona === "string" ? personas[persona] : persona);
  return {
    db,
    personas,
    workspaceA,
    workspaceB,
    invitation,
    as: (persona, work, context) => runAsCaller(db, resolve(persona).caller, work, context),
    asAnon: (work, context) => runAsCaller(db, { kind: "anon" }, work, context),
  };
}

// ---------------------------------------------------------------------------------------------
// Attempting a statement as somebody, then rolling it back, and naming what happened.

/** What one statement did, as the RLS matrix names it. */
export const OUTCOME = {
  /** It ran and saw or changed the targeted row(s). */
  allowed: "allowed",
  /** It ran, but row-level security hid the targeted row: nothing seen, nothing changed. */
  zeroRows: "zero rows",
  /** SQLSTATE 42501 "new row violates row-level security policy": a WITH CHECK refused the row. */
  rlsViolation: "rls violation",
  /** SQLSTATE 42501 "permission denied for …": no GRANT on the table, column, schema or function. */
  noPrivilege: "no privilege",
} as const;
export type Outcome = (typeof OUTCOME)[keyof typeof OUTCOME];

/** Our own exceptions read `raises consentry.<code>`; anything else `error <sqlstate>: <message>`. */
export function describeDatabaseError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== "string") throw error;
  if (message.startsWith("consentry.")) return `raises ${message}`;
  if (code === "42501" && message.startsWith("new row violates row-level security policy")) return OUTCOME.rlsViolation;
  if (code === "42501" && message.startsWith("permission denied for ")) return OUTCOME.noPrivilege;
  return `error ${String(code)}: ${message}`;
}

class RolledBack extends Error {
  constructor(readonly rowCount: number) {
    super("rolled back on purpose");
  }
}

/**
 * Runs one statement as `who` ("anon" or a persona) and rolls it back whatever happened, so
 * attempts never affect each other. `allowed` when it returned rows (use `returning` on
 * writes), `zero rows` when it returned none, otherwise the error described.
 */
export async function attempt(
  fixture: TenancyFixture,
  who: "anon" | PersonaName | Persona,
  text: string,
  params: readonly unknown[] = [],
): Promise<string> {
  const work = async (sql: Sql): Promise<never> => {
    const rows = await sql.query(text, params);
    throw new RolledBack(rows.length);
  };
  try {
    await (who === "anon" ? fixture.asAnon(work) : fixture.as(who, work));
  } catch (error) {
    if (error instanceof RolledBack) return error.rowCount > 0 ? OUTCOME.allowed : OUTCOME.zeroRows;
    return describeDatabaseError(error);
  }
  throw new Error("unreachable: the attempt always rolls back");
}
