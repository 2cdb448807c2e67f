import { z } from "zod";
import { CONTACT_CHANNELS, instantSchema, purposeIdSchema, subjectIdentifierSchema } from "@/lib/api/shared-schemas";

/** POST /api/v1/contacts: a contact made, counted by frequency caps. `externalId` dedupes retries. */
export const appendContactBody = z
  .strictObject({
    subject: subjectIdentifierSchema,
    channel: z.enum(CONTACT_CHANNELS),
    purposeId: purposeIdSchema,
    contactedAt: instantSchema,
    externalId: z.string().min(1).max(200).optional(),
  })
  .meta({ id: "AppendContactRequest" });
