import { z } from "zod";
import {
  CONTACT_CHANNELS,
  RECORDABLE_COLLECTION_CHANNELS,
  RECORDABLE_METHODS,
  instantSchema,
  purposeIdSchema,
  subjectIdentifierSchema,
} from "@/lib/api/shared-schemas";
import { CONSENT_STATES } from "@/lib/consent/types";

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");

/** POST /api/v1/consents: one person's decisions on what a published experience version showed. */
export const recordConsentBody = z
  .strictObject({
    /** The experience's public id (browser calls; must be the experience of the public key). */
    experience: z.string().regex(/^x[0-9a-f]{20}$/).optional(),
    /** The published version the person saw. Browser: defaults to the live one. Server: omit only for imports. */
    experienceVersionId: z.uuid().optional(),
    subject: subjectIdentifierSchema,
    channel: z.enum(RECORDABLE_COLLECTION_CHANNELS),
    method: z.enum(RECORDABLE_METHODS),
    expressedBy: z.enum(["subject", "guardian", "operator"]).default("subject"),
    locale: z.string().max(35).regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag"),
    region: z.strictObject({
      code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
      resolvedBy: z.string().regex(/^[a-z_]{1,32}$/),
    }),
    decisions: z
      .array(z.strictObject({ purposeId: purposeIdSchema, state: z.enum(["given", "refused", "withdrawn"]), separate: z.boolean().optional() }))
      .min(1)
      .max(50),
    preferences: z
      .strictObject({
        channels: z.record(z.union([z.literal("*"), z.uuid()]), z.array(z.enum(CONTACT_CHANNELS)).max(5)).optional(),
        topics: z.array(z.uuid()).max(100).optional(),
        frequencyCap: z.strictObject({ max: z.int().min(1).max(1000), period: z.enum(["week", "month"]) }).nullable().optional(),
        quietHours: z.strictObject({ start: hhmm, end: hhmm, timeZone: z.string().regex(/^[A-Za-z0-9_+/-]{1,64}$/) }).nullable().optional(),
      })
      .optional(),
    occurredAt: instantSchema.optional(),
    consentType: z.enum(["explicit", "opt_out", "notice_only"]).optional(),
    withdrawUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    context: z.strictObject({ pageUrl: z.string().max(2048).optional(), userAgent: z.string().max(512).optional() }).optional(),
  })
  .meta({ id: "RecordConsentRequest" });

/**
 * The answer of POST /api/v1/consents (201). The route builds its answer as this type, and a
 * route test parses real answers with it, so the document cannot drift from what is sent.
 */
export const recordConsentResponse = z
  .strictObject({
    subjectId: z.uuid().describe("The person the decisions were recorded for (identifiers of one person share it)"),
    eventIds: z.array(z.uuid()).describe("One ledger event per decision, in the order of `decisions`"),
    states: z
      .array(z.strictObject({ purposeId: z.uuid(), state: z.enum(CONSENT_STATES) }))
      .describe("Each decided purpose's state after recording (a double opt-in purpose stays `requested` until its address confirms)"),
    receivedAt: z.iso.datetime({ offset: true }).describe("When the server received the decisions (ISO 8601)"),
    confirmationToken: z
      .string()
      .optional()
      .describe("Secret keys only, when a purpose now awaits double opt-in: send it to the address for POST /double-opt-in/confirm. Never answered to a browser."),
    receiptId: z
      .uuid()
      .optional()
      .describe("The app's own hosted pages only: the consent receipt of these decisions, at GET /receipts/{receiptId}?token=receiptToken"),
    receiptToken: z
      .string()
      .regex(/^rct_[0-9a-f]{64}$/)
      .optional()
      .describe("With receiptId: the token that opens the receipt (whoever holds it can read it: give it only to the person)"),
  })
  .meta({ id: "RecordConsentResult" });
export type RecordConsentResponse = z.input<typeof recordConsentResponse>;
