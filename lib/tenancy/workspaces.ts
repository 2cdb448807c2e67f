import type { Sql } from "@/lib/db/types";
import type { ControllerTexts } from "./controller";
import type { Workspace, WorkspaceInput } from "./schemas";

const WORKSPACE_COLUMNS = `w.id, w.name, w.legal_entity_name as "legalEntityName", w.contact_address as "contactAddress",
  w.legal_entity_names as "legalEntityNames", w.contact_addresses as "contactAddresses",
  w.default_locale as "defaultLocale", w.created_at as "createdAt", m.role as "myRole"`;

/** The caller's workspaces (RLS shows only those they belong to). */
export function listMyWorkspaces(sql: Sql): Promise<Workspace[]> {
  return sql.query<Workspace>(
    `select ${WORKSPACE_COLUMNS} from public.workspaces w
     join public.memberships m on m.workspace_id = w.id and m.user_id = auth.uid()
     order by w.name, w.id`,
  );
}

/** One workspace, or null when it does not exist or the caller is not a member. */
export async function getWorkspace(sql: Sql, workspaceId: string): Promise<Workspace | null> {
  const [workspace] = await sql.query<Workspace>(
    `select ${WORKSPACE_COLUMNS} from public.workspaces w
     join public.memberships m on m.workspace_id = w.id and m.user_id = auth.uid()
     where w.id = $1`,
    [workspaceId],
  );
  return workspace ?? null;
}

export async function createWorkspace(sql: Sql, input: WorkspaceInput): Promise<string> {
  const [row] = await sql.query<{ id: string }>("select public.create_workspace($1, $2, $3, $4) as id", [
    input.name,
    input.legalEntityName,
    input.contactAddress,
    input.defaultLocale,
  ]);
  return row!.id;
}

/** Returns false when RLS let no row change (not a member, or not owner/admin). */
export async function updateWorkspace(sql: Sql, workspaceId: string, input: WorkspaceInput): Promise<boolean> {
  const rows = await sql.query(
    `update public.workspaces set name = $2, legal_entity_name = $3, contact_address = $4, default_locale = $5
     where id = $1 returning id`,
    [workspaceId, input.name, input.legalEntityName, input.contactAddress, input.defaultLocale],
  );
  return rows.length === 1;
}

/** The controller's name and contact per language; false when RLS let no row change. */
export async function updateControllerTexts(
  sql: Sql,
  workspaceId: string,
  texts: Pick<ControllerTexts, "legalEntityNames" | "contactAddresses">,
): Promise<boolean> {
  const rows = await sql.query("update public.workspaces set legal_entity_names = $2, contact_addresses = $3 where id = $1 returning id", [
    workspaceId,
    JSON.stringify(texts.legalEntityNames),
    JSON.stringify(texts.contactAddresses),
  ]);
  return rows.length === 1;
}
