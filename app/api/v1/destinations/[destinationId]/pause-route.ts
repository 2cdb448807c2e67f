import { apiRoute } from "@/lib/api/handler";
import { destinationBody, destinationIdOf, runAsDestinationsApi } from "@/lib/api/destinations";
import { setDestinationPaused } from "@/lib/sync/destinations";
import { noDestinationQuery } from "../schema";

/** The pause and resume operations: one handler, the state they set. */
export function pausingRoute(paused: boolean) {
  return apiRoute({
    name: paused ? "destinations.pause" : "destinations.resume",
    auth: { scope: "destinations:manage" },
    source: "query",
    schema: noDestinationQuery,
    rateLimit: { max: 600, windowSeconds: 60 },
    async handle({ caller, db, request }) {
      const id = destinationIdOf(request);
      const destination = await runAsDestinationsApi(db, caller, (sql, workspaceId) => setDestinationPaused(sql, workspaceId, id, paused));
      return { status: 200, body: { destination: destinationBody(destination) } };
    },
  });
}
