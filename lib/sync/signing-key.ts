import { z } from "zod";

/** GET /api/v1/signing-keys/{destinationId} takes no query parameters. */
export const signingKeyQuery = z.strictObject({}).meta({ id: "SigningKeyQuery" });
