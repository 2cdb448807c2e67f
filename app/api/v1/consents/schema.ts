import { z } from "zod";
import {
  COLLECTION_CHANNELS,
  CONSENT_METHODS,
  CONTACT_CHANNELS,
  instantSchema,
  purposeIdSchema,
  subjectIdentifierSchema,
} from "@/lib/api/shared-schemas";

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");

/** POST /api/v1/consents: one person's decisions on what a published experience version showed. */
export const recordConsentBody = z
  .strictObject({
    /** The experience's public id (browser calls; must be the experience of the public key). */
    experience: z.string().regex(/^x[0-9a-f]{20}$/).optional(),
    /** The published version the person saw. Browser: defaults to the live one. Server: omit only for imports. */
    experienceVersionId: z.uuid().optional(),
    subject: subjectIdentifierSchema,
    channel: z.enum(COLLECTION_CHANNELS),
    method: z.enum(CONSENT_METHODS),
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
