import { z } from "zod";

/** POST /api/v1/double-opt-in/confirm: the token from the confirmation link or message. */
export const confirmDoubleOptInBody = z
  .strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/) })
  .meta({ id: "ConfirmDoubleOptInRequest" });
