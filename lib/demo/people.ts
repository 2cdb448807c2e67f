import { createLocalAccount } from "@/lib/auth/local/accounts";
import { runAsCaller, type Caller } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";
import { acceptInvitation, createInvitation } from "@/lib/tenancy/invitations";
import { syncMyProfile } from "@/lib/tenancy/profiles";
import { createWorkspace } from "@/lib/tenancy/workspaces";
import { DEMO_ACCOUNT, DEMO_BRAND, DEMO_LEGAL_ACCOUNT } from "./content";

/** A signed-in demo person: every step of the seed runs as one of them, under RLS. */
export interface DemoPerson {
  id: string;
  email: string;
  caller: Caller;
  as<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

async function signUp(db: Database, credentials: { email: string; password: string }): Promise<DemoPerson> {
  const account = await createLocalAccount(db, credentials);
  const claims = { sub: account.id, email: account.email, role: "authenticated" as const, aud: "authenticated" };
  const caller: Caller = { kind: "authenticated", claims };
  const person: DemoPerson = {
    id: account.id,
    email: account.email,
    caller,
    as: (work) => runAsCaller(db, caller, work, { requestId: "demo-seed" }),
  };
  // As the console does on first sign-in.
  await person.as((sql) => syncMyProfile(sql, claims));
  return person;
}

/**
 * The owner signs up and creates the workspace, then invites a legal reviewer who signs up and
 * accepts, as two people would in the console. Approval needs both: nobody approves their own text.
 */
export async function createDemoPeople(db: Database): Promise<{ owner: DemoPerson; legal: DemoPerson; workspaceId: string }> {
  const owner = await signUp(db, DEMO_ACCOUNT);
  const workspaceId = await owner.as((sql) =>
    createWorkspace(sql, {
      name: DEMO_BRAND.name,
      legalEntityName: DEMO_BRAND.legalEntityName,
      contactAddress: DEMO_BRAND.contact,
      defaultLocale: "en",
    }),
  );
  const token = await owner.as((sql) => createInvitation(sql, workspaceId, { email: DEMO_LEGAL_ACCOUNT.email, role: "legal" }));
  const legal = await signUp(db, DEMO_LEGAL_ACCOUNT);
  await legal.as((sql) => acceptInvitation(sql, token));
  return { owner, legal, workspaceId };
}
