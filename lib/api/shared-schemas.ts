import { z } from "zod";

/**
 * Building blocks the public routes' input schemas share. Checked here as strictly as the
 * ledger checks them in SQL, so bad input is refused before any query runs.
 */
export const IDENTIFIER_KINDS = ["email", "phone", "member_id", "device_id", "wechat_openid", "wechat_unionid"] as const;
export const COLLECTION_CHANNELS = ["web", "app", "mini_program", "store", "call_centre", "api", "import"] as const;
export const CONTACT_CHANNELS = ["sms", "email", "phone", "wechat", "push"] as const;
export const CONSENT_METHODS = ["click_accept", "click_reject", "save", "toggle", "gpc_signal", "api_import", "operator_entry"] as const;

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
