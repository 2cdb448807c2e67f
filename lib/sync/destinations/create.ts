import { randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import { env } from "@/lib/env";
import { ExpectedError } from "@/lib/errors";
import { natsServerProblem, webhookUrlProblem, type AddressPolicy } from "@/lib/sync/outbound/address-policy";
import { getDestination } from "./read";
import { createDestinationInputSchema, type CreateDestinationInput } from "./schemas";
import { newEd25519Pair, newSigningSecret, sealSecrets, secretHint, type DestinationSecrets } from "./secrets";
import type { DestinationWithSecret } from "./types";

export const defaultAddressPolicy = (): AddressPolicy => ({ allowPrivate: env.CONSENTRY_ALLOW_PRIVATE_DESTINATIONS });

/** `destination_unsafe_url` (DETAIL: the reason) unless the URL may be saved. */
export function assertSafeWebhookUrl(url: string, policy: AddressPolicy): void {
  const problem = webhookUrlProblem(url, policy);
  if (problem) throw new ExpectedError("destination_unsafe_url", "destination_unsafe_url", problem);
}

/** The same for each NATS server URL (`tls://`, or `nats://` to loopback when allowed). */
export function assertSafeNatsServers(servers: readonly string[], policy: AddressPolicy): void {
  for (const server of servers) {
    const problem = natsServerProblem(server, policy);
    if (problem) throw new ExpectedError("destination_unsafe_url", "destination_unsafe_url", problem);
  }
}

/**
 * Creates a destination as the caller (owners and admins; RLS). A webhook gets a fresh
 * `whsec_` signing secret, answered here once, and an Ed25519 pair for `v1a`.
 */
export async function createDestination(
  sql: Sql,
  workspaceId: string,
  input: CreateDestinationInput,
  policy: AddressPolicy = defaultAddressPolicy(),
): Promise<DestinationWithSecret> {
  const parsed = createDestinationInputSchema.safeParse(input);
  if (!parsed.success) throw dropsWithdrawals(parsed.error.issues) ?? invalidInput(parsed.error.issues);
  const data = parsed.data;
  const id = randomUUID();
  let secrets: DestinationSecrets;
  let config: Record<string, unknown>;
  let signingSecret: string | null = null;
  let publicKey: string | null = null;
  if (data.kind === "webhook") {
    assertSafeWebhookUrl(data.url, policy);
    signingSecret = newSigningSecret();
    const pair = newEd25519Pair();
    publicKey = pair.publicKey;
    secrets = { signingSecret, ed25519PrivateKey: pair.privateKey, headers: data.headers };
    config = { url: data.url, headerNames: Object.keys(data.headers) };
  } else {
    assertSafeNatsServers(data.nats.servers, policy);
    secrets = data.credentials ? { natsCredentials: data.credentials } : {};
    config = { servers: data.nats.servers, subject: data.nats.subject };
  }
  const sealed = await translatingErrors(() => sealSecrets(sql, workspaceId, id, secrets));
  await translatingErrors(() =>
    sql.query(
      `insert into public.destinations (id, workspace_id, name, kind, config, filters, identifier_policy, secrets, secret_hint,
         signing_public_key, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (select auth.uid()))`,
      [id, workspaceId, data.name, data.kind, JSON.stringify(config), JSON.stringify(data.filters), JSON.stringify(data.identifierPolicy), sealed,
        signingSecret ? secretHint(signingSecret) : null, publicKey],
    ),
  );
  return { destination: await getDestination(sql, workspaceId, id), signingSecret };
}

/** A zod failure that is the withdrawal rule reads as its own code, with the missing states. */
export function dropsWithdrawals(issues: readonly { message: string }[]): ExpectedError | null {
  const issue = issues.find((i) => i.message.startsWith("destination_drops_withdrawals: "));
  if (!issue) return null;
  return new ExpectedError("destination_drops_withdrawals", "destination_drops_withdrawals", issue.message.slice("destination_drops_withdrawals: ".length));
}
