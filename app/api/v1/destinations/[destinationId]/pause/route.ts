import { apiRoute } from "@/lib/api/handler";
import { destinationBody, destinationIdOf, runAsDestinationsApi } from "@/lib/api/destinations";
import { setDestinationPaused } from "@/lib/sync/destinations";
import { noDestinationQuery } from "../../schema";

/** POST /api/v1/destinations/{destinationId}/pause: deliveries wait (and are kept) until it is resumed. */
export const POST = apiRoute({
  name: "destinations.pause",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ caller, db, request }) {
    const id = destinationIdOf(request);
    const destination = await runAsDestinationsApi(db, caller, (sql, workspaceId) => setDestinationPaused(sql, workspaceId, id, true));
    return { status: 200, body: { destination: destinationBody(destination) } };
  },
});
