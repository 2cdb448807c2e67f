import { z } from "zod";

/**
 * What a destination is made of, as the console form and the management API send it. The
 * database checks filters and policy again (supabase/migrations/20261207130000_sync_destinations.sql).
 */
export const DESTINATION_KINDS = ["webhook", "nats"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const CONSENT_STATES = ["given", "renewed_given", "refused", "withdrawn", "expired", "requested", "invalidated"] as const;
export const IDENTIFIER_KINDS = ["email", "phone", "member_id", "device_id", "wechat_openid", "wechat_unionid"] as const;
export const IDENTIFIER_FORMS = ["plain", "sha256", "md5"] as const;
export const COLLECTION_CHANNELS = ["web", "app", "mini_program", "store", "call_centre", "api", "import", "sms"] as const;
export const TOPICS = ["consent.changed"] as const;

/** A grant reaches a destination only with the states that take it back. */
export const GRANT_STATES = ["given", "renewed_given"] as const;
export const TAKE_BACK_STATES = ["withdrawn", "refused", "expired"] as const;

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1)
    .max(100)
    .refine((values) => new Set(values).size === values.length, "Each value once")
    .optional();

export const destinationFiltersSchema = z
  .object({
    topics: list(z.enum(TOPICS)),
    states: list(z.enum(CONSENT_STATES)),
    /** Purpose keys (or ids). */
    purposes: list(z.string().trim().min(1).max(100)),
    channels: list(z.enum(COLLECTION_CHANNELS)),
    regions: list(z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/)),
  })
  .strict()
  .superRefine((filters, ctx) => {
    const missing = takeBackStatesMissing(filters.states);
    if (missing.length > 0) {
      ctx.addIssue({ code: "custom", path: ["states"], message: `destination_drops_withdrawals: ${missing.join(",")}` });
    }
  });
export type DestinationFilters = z.infer<typeof destinationFiltersSchema>;

/** The withdrawal-like states a `states` filter would drop while it lets grants through (empty: none). */
export function takeBackStatesMissing(states: readonly string[] | undefined): string[] {
  if (!states || !states.some((s) => (GRANT_STATES as readonly string[]).includes(s))) return [];
  return TAKE_BACK_STATES.filter((s) => !states.includes(s));
}

/** Which identifier kinds leave, and in what form; a kind not named leaves nothing. */
export const identifierPolicySchema = z.partialRecord(z.enum(IDENTIFIER_KINDS), z.enum(IDENTIFIER_FORMS));
export type IdentifierPolicy = z.infer<typeof identifierPolicySchema>;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Headers the engine sets itself; a destination cannot override them. */
const RESERVED_HEADERS = new Set(["host", "content-type", "content-length", "connection", "transfer-encoding", "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent"]);

export const extraHeadersSchema = z
  .record(z.string().regex(HEADER_NAME, "an HTTP header name"), z.string().max(2000).regex(/^[^\r\n]*$/, "one line"))
  .refine((headers) => Object.keys(headers).length <= 20, "At most 20 headers")
  .refine((headers) => Object.keys(headers).every((name) => !RESERVED_HEADERS.has(name.toLowerCase())), "A header the engine sets itself");

export const natsConfigSchema = z.object({
  servers: z
    .array(z.string().trim().regex(/^(nats|tls):\/\/[^\s/]+$/, "tls://host:port (nats://host:port to loopback when private destinations are allowed)"))
    .min(1)
    .max(10),
  /** The JetStream subject messages are published to (the stream must capture it). */
  subject: z.string().trim().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "a NATS subject without wildcards").max(200),
});

/** NATS credentials, kept encrypted: a user and password, or a token. */
export const natsCredentialsSchema = z.union([
  z.object({ user: z.string().min(1).max(200), pass: z.string().min(1).max(500) }).strict(),
  z.object({ token: z.string().min(1).max(1000) }).strict(),
]);

const common = {
  name: z.string().trim().min(1).max(120),
  filters: destinationFiltersSchema.default({}),
  identifierPolicy: identifierPolicySchema.default({}),
};

export const createDestinationInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("webhook"),
    ...common,
    url: z.url({ protocol: /^https?$/ }).max(2048),
    headers: extraHeadersSchema.default({}),
  }),
  z.object({
    kind: z.literal("nats"),
    ...common,
    nats: natsConfigSchema,
    credentials: natsCredentialsSchema.optional(),
  }),
]);
export type CreateDestinationInput = z.input<typeof createDestinationInputSchema>;

/** A change: any of these; `headers` / `credentials` replace the stored ones when present (null clears). */
export const updateDestinationInputSchema = z
  .object({
    name: common.name,
    filters: destinationFiltersSchema,
    identifierPolicy: identifierPolicySchema,
    url: z.url({ protocol: /^https?$/ }).max(2048),
    headers: extraHeadersSchema.nullable(),
    nats: natsConfigSchema,
    credentials: natsCredentialsSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateDestinationInput = z.input<typeof updateDestinationInputSchema>;
