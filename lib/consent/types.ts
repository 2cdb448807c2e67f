import { z } from "zod";
import { CHANNELS, channelSchema, type Channel } from "@/lib/experience/blocks/preferences";

/**
 * The consent ledger's vocabulary, as the database's enums spell it (supabase/schemas/types.sql;
 * lib/db/vocabulary.db.test.ts fails when the two differ). Pure: no database, no Node.
 */

export const IDENTIFIER_KINDS = ["email", "phone", "member_id", "device_id", "wechat_openid", "wechat_unionid"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** DPV consent states. */
export const CONSENT_STATES = ["given", "renewed_given", "refused", "withdrawn", "expired", "requested", "invalidated"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const CONSENT_TYPES = ["explicit", "opt_out", "notice_only"] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

export const CONSENT_METHODS = [
  "click_accept",
  "click_reject",
  "save",
  "toggle",
  "gpc_signal",
  "sms_keyword",
  "api_import",
  "operator_entry",
  "double_opt_in_confirm",
  "expiry",
] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
/** Methods a caller may record; the others are the ledger's own (keyword, confirmation, expiry). */
export const RECORDABLE_METHODS = ["click_accept", "click_reject", "save", "toggle", "gpc_signal", "api_import", "operator_entry"] as const;

export const COLLECTION_CHANNELS = ["web", "app", "mini_program", "store", "call_centre", "api", "import", "sms"] as const;
export type CollectionChannel = (typeof COLLECTION_CHANNELS)[number];
/** Channels a caller may name; `sms` is the ledger's own (a keyword reply arrives through the SMS webhook). */
export const RECORDABLE_COLLECTION_CHANNELS = ["web", "app", "mini_program", "store", "call_centre", "api", "import"] as const;

export const EXPRESSED_BY = ["subject", "guardian", "operator"] as const;
export type ExpressedBy = (typeof EXPRESSED_BY)[number];

export { CHANNELS as CONTACT_CHANNELS, type Channel };

export const subjectRefSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string().trim().min(1).max(320),
});
export type SubjectRef = z.infer<typeof subjectRefSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** An IANA zone the runtime knows. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone");

export const frequencyCapSchema = z.object({ max: z.int().min(1).max(1000), period: z.enum(["week", "month"]) });
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;
export const quietHoursSchema = z.object({ start: clockTime, end: clockTime, timeZone: timeZoneSchema });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const preferencesInputSchema = z.object({
  /** Contact channels allowed per purpose id, or for every purpose under "*". */
  channels: z.record(z.string(), z.array(channelSchema).max(CHANNELS.length)).optional(),
  topics: z.array(z.guid()).max(100).optional(),
  frequencyCap: frequencyCapSchema.nullable().optional(),
  quietHours: quietHoursSchema.nullable().optional(),
});
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;

export const recordConsentInputSchema = z.object({
  workspaceId: z.guid(),
  /** The published version shown; API imports may omit it (then the catalog is the reference). */
  experienceVersionId: z.guid().nullable(),
  subject: subjectRefSchema,
  channel: z.enum(COLLECTION_CHANNELS),
  method: z.enum(RECORDABLE_METHODS),
  expressedBy: z.enum(EXPRESSED_BY),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35),
  region: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), resolvedBy: z.string().regex(/^[a-z_]{1,32}$/) }),
  decisions: z
    .array(
      z.object({
        purposeId: z.guid(),
        state: z.enum(["given", "refused", "withdrawn"]),
        /** Given through the purpose's own control (default: unless the method is click_accept). */
        separate: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(50),
  preferences: preferencesInputSchema.optional(),
  occurredAt: z.date().optional(),
  consentType: z.enum(CONSENT_TYPES).optional(),
  withdrawUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  context: z.object({
    ipTruncated: z.string().max(64).optional(),
    userAgent: z.string().max(2000).optional(),
    pageUrl: z.string().max(4000).optional(),
  }),
  idempotencyKey: z.string().min(1).max(255).optional(),
  /** Whose key it is: the credential that sent it ("secret:<api key id>"); keys of different scopes never meet. */
  idempotencyScope: z.string().min(1).max(100).optional(),
  /** SHA-256 (hex) of the body as the client sent it: what a retry with the same key must match. */
  requestFingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type RecordConsentInput = z.infer<typeof recordConsentInputSchema>;

export interface PurposeStateAfter {
  purposeId: string;
  state: ConsentState;
}

export interface RecordConsentResult {
  subjectId: string;
  eventIds: string[];
  states: PurposeStateAfter[];
  receivedAt: Date;
  /** True when this is the stored result of an earlier request with the same idempotency key. */
  replayed: boolean;
  /** Present when a purpose now awaits double opt-in: send it to the address; never to a browser. */
  confirmationToken?: string;
  /** Browser path: the confirmation message queued for the address (the server sends it on). */
  confirmationMessageId?: string;
}

/** One row of public.consent_events, as the domain reads it. */
export interface ConsentEvent {
  id: string;
  schemaVersion: number;
  workspaceId: string;
  subjectId: string;
  seq: number;
  identifierKind: IdentifierKind;
  identifierHash: string;
  occurredAt: Date;
  receivedAt: Date;
  expressedBy: ExpressedBy;
  controller: { legal_entity_name: string; contact_address: string };
  purposeId: string;
  purpose: Record<string, unknown>;
  separatelyGiven: boolean;
  experienceVersionId: string | null;
  noticeVersions: Record<string, string>;
  language: string;
  regionCode: string;
  regionResolution: Record<string, unknown>;
  consentType: ConsentType;
  method: ConsentMethod;
  channel: CollectionChannel;
  contactChannel: Channel | null;
  state: ConsentState;
  expiresAt: Date | null;
  withdrawUrl: string | null;
  preferences: Record<string, unknown> | null;
  context: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The SELECT list that reads public.consent_events into ConsentEvent (alias `e`). */
export const CONSENT_EVENT_COLUMNS = `e.id, e.schema_version as "schemaVersion", e.workspace_id as "workspaceId",
  e.subject_id as "subjectId", e.seq, e.identifier_kind as "identifierKind", e.identifier_hash as "identifierHash",
  e.occurred_at as "occurredAt", e.received_at as "receivedAt", e.expressed_by as "expressedBy", e.controller,
  e.purpose_id as "purposeId", e.purpose, e.separately_given as "separatelyGiven",
  e.experience_version_id as "experienceVersionId", e.notice_versions as "noticeVersions", e.language,
  e.region_code as "regionCode", e.region_resolution as "regionResolution", e.consent_type as "consentType",
  e.method, e.channel, e.contact_channel as "contactChannel", e.state, e.expires_at as "expiresAt",
  e.withdraw_url as "withdrawUrl", e.preferences, e.context, e.prev_hash as "prevHash", e.hash`;
