import { z } from "zod";
import { CONTACT_CHANNELS, instantSchema, subjectIdentifierSchema } from "@/lib/api/shared-schemas";

/** One "may I contact this subject for this purpose on this channel (now)?" */
export const decisionRequest = z
  .strictObject({
    subject: subjectIdentifierSchema,
    /** A purpose id, or its key in the workspace catalog ("marketing"). */
    purpose: z.union([z.uuid(), z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, "a purpose id or key")]),
    channel: z.enum(CONTACT_CHANNELS),
    at: instantSchema.optional(),
  })
  .meta({ id: "DecisionRequest" });

/** POST /api/v1/decisions */
export const decisionBody = decisionRequest;

/** POST /api/v1/decisions/batch: up to 500 questions in one call. */
export const decisionBatchBody = z.strictObject({ requests: z.array(decisionRequest).min(1).max(500) }).meta({ id: "DecisionBatchRequest" });
