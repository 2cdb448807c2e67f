import { newSecretToken, tokenDigest } from "@/lib/auth/tokens";
import type { Sql } from "@/lib/db/types";
import type { InvitationInput, WorkspaceRole } from "./schemas";

export interface Invitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: Date;
  createdAt: Date;
}

/** What the holder of an invitation link may know: everything while pending, only the status after. */
export type InvitationPreview =
  | { status: "pending"; workspaceName: string; role: WorkspaceRole; email: string; invitedByName: string | null; invitedByEmail: string; expiresAt: Date }
  | { status: "accepted" | "revoked" | "expired" };

const STATUS = `case when i.revoked_at is not null then 'revoked' when i.accepted_at is not null then 'accepted'
  when i.expires_at < now() then 'expired' else 'pending' end`;

/** Creates an invitation and returns its token: shown once in the console as a link, never stored. */
export async function createInvitation(sql: Sql, workspaceId: string, input: InvitationInput): Promise<string> {
  const token = newSecretToken();
  await sql.query(
    "insert into public.invitations (workspace_id, email, role, token_hash, invited_by) values ($1, $2, $3, $4, auth.uid())",
    [workspaceId, input.email, input.role, tokenDigest(token)],
  );
  return token;
}

export function listInvitations(sql: Sql, workspaceId: string): Promise<Invitation[]> {
  return sql.query<Invitation>(
    `select i.id, i.email, i.role, ${STATUS} as status, i.expires_at as "expiresAt", i.created_at as "createdAt"
     from public.invitations i where i.workspace_id = $1 order by i.created_at desc`,
    [workspaceId],
  );
}

export async function revokeInvitation(sql: Sql, workspaceId: string, invitationId: string): Promise<boolean> {
  const rows = await sql.query(
    `update public.invitations set revoked_at = now()
     where workspace_id = $1 and id = $2 and revoked_at is null and accepted_at is null returning id`,
    [workspaceId, invitationId],
  );
  return rows.length === 1;
}

/** For anyone holding the link, signed in or not (public.invitation_preview); null for an unknown token. */
export async function invitationPreview(sql: Sql, token: string): Promise<InvitationPreview | null> {
  if (token.length > 100) return null;
  const [row] = await sql.query<InvitationPreview>(
    `select workspace_name as "workspaceName", role, email, invited_by_name as "invitedByName", invited_by_email as "invitedByEmail", expires_at as "expiresAt", status
     from public.invitation_preview($1)`,
    [token],
  );
  return row ?? null;
}

/** Joins the caller to the invitation's workspace; returns its id. */
export async function acceptInvitation(sql: Sql, token: string): Promise<string> {
  const [row] = await sql.query<{ id: string }>("select public.accept_invitation($1) as id", [token]);
  return row!.id;
}
