import { z } from "zod";
import { receiptTokenSchema } from "@/lib/preference-centre/types";

/** GET /api/v1/receipts/{receiptId}: the receipt's own token (from its link), or none with the person's session cookie. */
export const receiptQuery = z.strictObject({
  token: receiptTokenSchema.optional(),
  lang: z.string().max(10).optional(),
});
