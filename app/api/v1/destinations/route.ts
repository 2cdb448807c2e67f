import { apiRoute } from "@/lib/api/handler";
import { destinationBody, runAsDestinationsApi } from "@/lib/api/destinations";
import { createDestination, listDestinations } from "@/lib/sync/destinations";
import { createDestinationBody, noDestinationQuery } from "./schema";

const RATE = { max: 600, windowSeconds: 60 };

/** GET /api/v1/destinations: the workspace's destinations, oldest first; never a secret. */
export const GET = apiRoute({
  name: "destinations.list",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: RATE,
  async handle({ caller, db }) {
    const destinations = await runAsDestinationsApi(db, caller, (sql, workspaceId) => listDestinations(sql, workspaceId));
    return { status: 200, body: { destinations: destinations.map(destinationBody) } };
  },
});

/** POST /api/v1/destinations: creates one; a webhook's signing secret is in this answer and never again. */
export const POST = apiRoute({
  name: "destinations.create",
  auth: { scope: "destinations:manage" },
  schema: createDestinationBody,
  rateLimit: RATE,
  async handle({ input, caller, db }) {
    const created = await runAsDestinationsApi(db, caller, (sql, workspaceId) => createDestination(sql, workspaceId, input));
    return { status: 201, body: { destination: destinationBody(created.destination), signingSecret: created.signingSecret } };
  },
});
