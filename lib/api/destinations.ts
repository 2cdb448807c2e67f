import { ApiError } from "./api-error";
import { workspaceOf, type ApiCaller } from "./auth";
import { runAsServiceFor, type ServicePurpose } from "@/lib/db/caller";
import type { Database, Sql } from "@/lib/db/types";
import { isUuid } from "@/lib/sync/destinations/read";
import type { Destination } from "@/lib/sync/destinations";

const DESTINATIONS_API: ServicePurpose = "destinations-api";

/**
 * Work for /api/v1/destinations after a key of scope `destinations:manage` was verified: the
 * service role (the key already proved the workspace; every domain call names it), with the
 * key's creator as `auth.uid()`, so a created destination has a `created_by` and the audit log
 * names who issued the key. `request.context` carries the key id, so an auditor tells the API
 * from the console.
 */
export async function runAsDestinationsApi<T>(db: Database, caller: ApiCaller, work: (sql: Sql, workspaceId: string) => Promise<T>): Promise<T> {
  const workspaceId = workspaceOf(caller);
  const keyId = caller.kind === "secret" ? caller.keyId : null;
  const keyCreator = async (sql: Sql) => {
    const [key] = await sql.query<{ created_by: string }>("select created_by from public.api_keys where id = $1 and workspace_id = $2", [keyId, workspaceId]);
    if (!key) throw new ApiError("invalid_api_key");
    return key.created_by;
  };
  return runAsServiceFor(db, DESTINATIONS_API, keyCreator, (sql) => work(sql, workspaceId), { apiKeyId: keyId });
}

/** The `{destinationId}` of /api/v1/destinations/{destinationId}[/action]; not_found when it is not a uuid. */
export function destinationIdOf(request: Request): string {
  const parts = new URL(request.url).pathname.split("/");
  const id = parts[parts.indexOf("destinations") + 1] ?? "";
  if (!isUuid(id)) throw new ApiError("not_found");
  return id;
}

/** A destination as the API answers it: dates as ISO strings, no workspace internals beyond ids. */
export function destinationBody(destination: Destination) {
  return {
    id: destination.id,
    name: destination.name,
    kind: destination.kind,
    url: destination.url,
    nats: destination.nats,
    headerNames: destination.headerNames,
    filters: destination.filters,
    identifierPolicy: destination.identifierPolicy,
    secretHint: destination.secretHint,
    signingPublicKey: destination.signingPublicKey,
    previousSecretExpiresAt: destination.previousSecretExpiresAt,
    paused: destination.paused,
    disabledAt: destination.disabledAt,
    disabledReason: destination.disabledReason,
    createdAt: destination.createdAt,
    updatedAt: destination.updatedAt,
  };
}
