import { apiRoute } from "@/lib/api/handler";
import { destinationBody, destinationIdOf, runAsDestinationsApi } from "@/lib/api/destinations";
import { setDestinationPaused } from "@/lib/sync/destinations";
import { noDestinationQuery } from "../../schema";

/** POST /api/v1/destinations/{destinationId}/resume: sends what waited, and clears a disable by the engine (a 410, days of failures). */
export const POST = apiRoute({
  name: "destinations.resume",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ caller, db, request }) {
    const id = destinationIdOf(request);
    const destination = await runAsDestinationsApi(db, caller, (sql, workspaceId) => setDestinationPaused(sql, workspaceId, id, false));
    return { status: 200, body: { destination: destinationBody(destination) } };
  },
});
