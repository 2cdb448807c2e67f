import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import { ExpectedError } from "@/lib/errors";
import type { AddressPolicy } from "@/lib/sync/outbound/address-policy";
import { assertSafeNatsServers, assertSafeWebhookUrl, defaultAddressPolicy, dropsWithdrawals } from "./create";
import { getDestination, isUuid } from "./read";
import { updateDestinationInputSchema, type UpdateDestinationInput } from "./schemas";
import { newSigningSecret, openSecrets, sealSecrets, secretHint, type DestinationSecrets } from "./secrets";
import type { Destination, DestinationWithSecret } from "./types";

/** How long a rotated-out signing secret keeps signing, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

async function currentSecrets(sql: Sql, workspaceId: string, destinationId: string): Promise<DestinationSecrets> {
  const [row] = await translatingErrors(() =>
    sql.query<{ secrets: Uint8Array }>("select public.destination_secrets($1) as secrets", [destinationId]),
  );
  return openSecrets(sql, workspaceId, destinationId, row!.secrets);
}

/** Changes a destination as the caller (owners and admins); audited by the database. */
export async function updateDestination(
  sql: Sql,
  workspaceId: string,
  destinationId: string,
  input: UpdateDestinationInput,
  policy: AddressPolicy = defaultAddressPolicy(),
): Promise<Destination> {
  const parsed = updateDestinationInputSchema.safeParse(input);
  if (!parsed.success) throw dropsWithdrawals(parsed.error.issues) ?? invalidInput(parsed.error.issues);
  const patch = parsed.data;
  const existing = await getDestination(sql, workspaceId, destinationId);
  if ((existing.kind === "webhook" && (patch.nats || patch.credentials !== undefined)) || (existing.kind === "nats" && (patch.url || patch.headers !== undefined))) {
    throw invalidInput([{ path: [existing.kind === "webhook" ? "nats" : "url"], message: "Not for this kind of destination" }]);
  }
  const sets: string[] = [];
  const params: unknown[] = [workspaceId, destinationId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.name !== undefined) set("name", patch.name);
  if (patch.filters !== undefined) set("filters", JSON.stringify(patch.filters));
  if (patch.identifierPolicy !== undefined) set("identifier_policy", JSON.stringify(patch.identifierPolicy));
  if (patch.url !== undefined) assertSafeWebhookUrl(patch.url, policy);
  if (patch.nats !== undefined) assertSafeNatsServers(patch.nats.servers, policy);
  if (patch.url !== undefined || patch.headers !== undefined || patch.nats !== undefined) {
    const config =
      existing.kind === "webhook"
        ? { url: patch.url ?? existing.url, headerNames: patch.headers === undefined ? existing.headerNames : Object.keys(patch.headers ?? {}) }
        : { servers: patch.nats?.servers ?? existing.nats?.servers, subject: patch.nats?.subject ?? existing.nats?.subject };
    set("config", JSON.stringify(config));
  }
  if (patch.headers !== undefined || patch.credentials !== undefined) {
    const secrets = await currentSecrets(sql, workspaceId, destinationId);
    if (patch.headers !== undefined) secrets.headers = patch.headers ?? {};
    if (patch.credentials !== undefined) {
      if (patch.credentials === null) delete secrets.natsCredentials;
      else secrets.natsCredentials = patch.credentials;
    }
    set("secrets", await sealSecrets(sql, workspaceId, destinationId, secrets));
  }
  if (sets.length > 0) await write(sql, `update public.destinations set ${sets.join(", ")} where workspace_id = $1 and id = $2 and deleted_at is null returning id`, params);
  return getDestination(sql, workspaceId, destinationId);
}

/**
 * Pauses (deliveries wait) or resumes a destination. Resuming also clears a disable by the
 * engine (a 410, days of failures): an owner or admin looked and wants it back.
 */
export async function setDestinationPaused(sql: Sql, workspaceId: string, destinationId: string, paused: boolean): Promise<Destination> {
  if (!isUuid(destinationId)) throw new ExpectedError("not_found");
  await write(
    sql,
    `update public.destinations set paused = $3, disabled_at = case when $3 then disabled_at end,
       disabled_reason = case when $3 then disabled_reason end
     where workspace_id = $1 and id = $2 and deleted_at is null returning id`,
    [workspaceId, destinationId, paused],
  );
  if (!paused) await sql.query("select pg_notify('consentry_sync', $1)", [workspaceId]);
  return getDestination(sql, workspaceId, destinationId);
}

/** Deletes a destination: nothing more is sent to it; its deliveries stay as proof. */
export async function deleteDestination(sql: Sql, workspaceId: string, destinationId: string): Promise<void> {
  if (!isUuid(destinationId)) throw new ExpectedError("not_found");
  await write(sql, "update public.destinations set deleted_at = now() where workspace_id = $1 and id = $2 and deleted_at is null returning id", [
    workspaceId,
    destinationId,
  ]);
}

/**
 * A new signing secret for a webhook, answered once. The old one keeps signing alongside for
 * 24 hours (both signatures in `webhook-signature`), so receivers switch without a gap.
 */
export async function rotateDestinationSecret(sql: Sql, workspaceId: string, destinationId: string, now: Date = new Date()): Promise<DestinationWithSecret> {
  const existing = await getDestination(sql, workspaceId, destinationId);
  if (existing.kind !== "webhook") throw invalidInput([{ path: ["kind"], message: "Only webhooks have a signing secret" }]);
  const secrets = await currentSecrets(sql, workspaceId, destinationId);
  const signingSecret = newSigningSecret();
  const expiresAt = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS);
  if (secrets.signingSecret) secrets.previousSigningSecret = { secret: secrets.signingSecret, expiresAt: expiresAt.toISOString() };
  secrets.signingSecret = signingSecret;
  await write(
    sql,
    `update public.destinations set secrets = $3, secret_hint = $4, previous_secret_expires_at = $5
     where workspace_id = $1 and id = $2 and deleted_at is null returning id`,
    [workspaceId, destinationId, await sealSecrets(sql, workspaceId, destinationId, secrets), secretHint(signingSecret), expiresAt],
  );
  return { destination: await getDestination(sql, workspaceId, destinationId), signingSecret };
}

async function write(sql: Sql, text: string, params: unknown[]): Promise<void> {
  const rows = await translatingErrors(() => sql.query(text, params));
  // RLS hides the row from members who may not change it: the same answer as a missing one.
  if (rows.length === 0) throw new ExpectedError("not_found");
}
