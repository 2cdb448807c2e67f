import type { Sql } from "@/lib/db/types";
import type { WorkspaceRole } from "./schemas";

export interface Member {
  userId: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

export function listMembers(sql: Sql, workspaceId: string): Promise<Member[]> {
  return sql.query<Member>(
    `select m.user_id as "userId", p.email, m.role, m.created_at as "joinedAt"
     from public.memberships m join public.profiles p on p.id = m.user_id
     where m.workspace_id = $1
     order by array_position(array['owner','admin','legal','editor','viewer']::public.workspace_role[], m.role), p.email`,
    [workspaceId],
  );
}

/** Returns false when RLS refused (not allowed to manage that role). The last owner is kept by a trigger. */
export async function changeMemberRole(sql: Sql, workspaceId: string, userId: string, role: WorkspaceRole): Promise<boolean> {
  const rows = await sql.query("update public.memberships set role = $3 where workspace_id = $1 and user_id = $2 returning user_id", [
    workspaceId,
    userId,
    role,
  ]);
  return rows.length === 1;
}

export async function removeMember(sql: Sql, workspaceId: string, userId: string): Promise<boolean> {
  const rows = await sql.query("delete from public.memberships where workspace_id = $1 and user_id = $2 returning user_id", [
    workspaceId,
    userId,
  ]);
  return rows.length === 1;
}
