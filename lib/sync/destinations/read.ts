import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import type { Destination } from "./types";

/** The columns every member may read, shaped as a Destination. */
export const DESTINATION_COLUMNS = `id, workspace_id as "workspaceId", name, kind,
  case when kind = 'webhook' then config ->> 'url' end as url,
  case when kind = 'nats' then jsonb_build_object('servers', config -> 'servers', 'subject', config -> 'subject') end as nats,
  coalesce(config -> 'headerNames', '[]'::jsonb) as "headerNames",
  filters, identifier_policy as "identifierPolicy", secret_hint as "secretHint", signing_public_key as "signingPublicKey",
  previous_secret_expires_at as "previousSecretExpiresAt", paused, disabled_at as "disabledAt",
  disabled_reason as "disabledReason", created_by as "createdBy", created_at as "createdAt", updated_at as "updatedAt"`;

/** The workspace's destinations (every member reads them; RLS), oldest first. Deleted ones are gone. */
export function listDestinations(sql: Sql, workspaceId: string): Promise<Destination[]> {
  return sql.query<Destination>(
    `select ${DESTINATION_COLUMNS} from public.destinations where workspace_id = $1 and deleted_at is null order by created_at, id`,
    [workspaceId],
  );
}

/** One destination of the workspace; `not_found` when it is not there (or not the caller's to see). */
export async function getDestination(sql: Sql, workspaceId: string, destinationId: string): Promise<Destination> {
  if (!isUuid(destinationId)) throw new ExpectedError("not_found");
  const [row] = await sql.query<Destination>(
    `select ${DESTINATION_COLUMNS} from public.destinations where workspace_id = $1 and id = $2 and deleted_at is null`,
    [workspaceId, destinationId],
  );
  if (!row) throw new ExpectedError("not_found");
  return row;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
