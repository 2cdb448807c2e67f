import { z } from "zod";

/**
 * Building blocks the public routes' input schemas share. Checked here as strictly as the
 * ledger checks them in SQL, so bad input is refused before any query runs.
 */
// One vocabulary: the ledger's (lib/consent/types.ts), checked against the database's enums.
export { CONTACT_CHANNELS, IDENTIFIER_KINDS, RECORDABLE_COLLECTION_CHANNELS, RECORDABLE_METHODS } from "@/lib/consent/types";

const opaque = z.string().trim().min(1).max(256).regex(/^[^\u0000-\u001f\u007f]+$/, "no control characters");

/** A subject identifier as the caller knows it; the ledger stores only its keyed hash. */
export const subjectIdentifierSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("email"), value: z.string().trim().max(320).pipe(z.email()) }),
    z.strictObject({ kind: z.literal("phone"), value: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{5,24}$/, "a phone number, ideally E.164") }),
    z.strictObject({ kind: z.literal("member_id"), value: opaque }),
    z.strictObject({ kind: z.literal("device_id"), value: opaque }),
    z.strictObject({ kind: z.literal("wechat_openid"), value: z.string().trim().regex(/^[A-Za-z0-9_-]{6,64}$/) }),
    z.strictObject({ kind: z.literal("wechat_unionid"), value: z.string().trim().regex(/^[A-Za-z0-9_-]{6,64}$/) }),
  ])
  .meta({ id: "SubjectIdentifier", description: "A subject identifier; stored only as a keyed hash." });
export type SubjectIdentifier = z.infer<typeof subjectIdentifierSchema>;

/** An instant with its offset; within 20 years back and a day ahead (the ledger narrows it per method). */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => {
    const at = Date.parse(value);
    const now = Date.now();
    return at > now - 20 * 366 * 86_400_000 && at < now + 86_400_000;
  }, "out of range")
  .meta({ description: "RFC 3339 date-time with offset" });

export const purposeIdSchema = z.uuid();
