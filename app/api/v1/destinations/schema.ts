import { z } from "zod";
import {
  destinationFiltersSchema,
  extraHeadersSchema,
  identifierPolicySchema,
  natsConfigSchema,
  natsCredentialsSchema,
} from "@/lib/sync/destinations/schemas";

/**
 * The filters' shape without the withdrawal rule: the domain (lib/sync/destinations) applies
 * the rule and answers `destination_drops_withdrawals` with the missing states, a code of its
 * own rather than one more `invalid_body` field.
 */
export const destinationFiltersBody = z.strictObject(destinationFiltersSchema.shape);

const name = z.string().trim().min(1).max(120);
const url = z.url({ protocol: /^https?$/ }).max(2048).describe("https only (loopback http with CONSENTRY_ALLOW_PRIVATE_DESTINATIONS)");

/** POST /api/v1/destinations: a webhook (its signing secret is answered once) or a NATS JetStream subject. */
export const createDestinationBody = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("webhook"),
      name,
      filters: destinationFiltersBody.optional(),
      identifierPolicy: identifierPolicySchema.optional(),
      url,
      headers: extraHeadersSchema.optional().describe("Extra headers sent with every message (stored encrypted, never answered)"),
    }),
    z.strictObject({
      kind: z.literal("nats"),
      name,
      filters: destinationFiltersBody.optional(),
      identifierPolicy: identifierPolicySchema.optional(),
      nats: natsConfigSchema,
      credentials: natsCredentialsSchema.optional(),
    }),
  ])
  .meta({ id: "CreateDestinationRequest" });

/** PATCH /api/v1/destinations/{destinationId}: any of these; `headers` / `credentials` replace (null clears). */
export const updateDestinationBody = z
  .strictObject({
    name,
    filters: destinationFiltersBody,
    identifierPolicy: identifierPolicySchema,
    url,
    headers: extraHeadersSchema.nullable(),
    nats: natsConfigSchema,
    credentials: natsCredentialsSchema.nullable(),
  })
  .partial()
  .meta({ id: "UpdateDestinationRequest" });

/** GET and DELETE, and POST …/pause, …/resume, …/rotate-secret: no parameters and no body. */
export const noDestinationQuery = z.strictObject({});
