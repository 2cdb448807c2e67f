import { z } from "zod";
import { instantSchema } from "@/lib/api/shared-schemas";

/** POST /api/v1/sms/inbound: a message an SMS gateway received ("TD", "退订", "STOP" …). */
export const smsInboundBody = z
  .strictObject({
    phone: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{5,24}$/),
    text: z.string().max(1600),
    receivedAt: instantSchema.optional(),
  })
  .meta({ id: "SmsInboundRequest" });
