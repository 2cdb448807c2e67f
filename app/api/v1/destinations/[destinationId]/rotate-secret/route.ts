import { apiRoute } from "@/lib/api/handler";
import { destinationBody, destinationIdOf, runAsDestinationsApi } from "@/lib/api/destinations";
import { rotateDestinationSecret } from "@/lib/sync/destinations";
import { noDestinationQuery } from "../../schema";

/**
 * POST /api/v1/destinations/{destinationId}/rotate-secret: a webhook's new signing secret, in
 * this answer only; the old one keeps signing alongside for 24 hours.
 */
export const POST = apiRoute({
  name: "destinations.rotate",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: { max: 60, windowSeconds: 60 },
  async handle({ caller, db, request }) {
    const id = destinationIdOf(request);
    const rotated = await runAsDestinationsApi(db, caller, (sql, workspaceId) => rotateDestinationSecret(sql, workspaceId, id));
    return { status: 200, body: { destination: destinationBody(rotated.destination), signingSecret: rotated.signingSecret } };
  },
});
