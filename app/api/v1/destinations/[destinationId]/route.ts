import { apiRoute } from "@/lib/api/handler";
import { destinationBody, destinationIdOf, runAsDestinationsApi } from "@/lib/api/destinations";
import { deleteDestination, getDestination, updateDestination } from "@/lib/sync/destinations";
import { noDestinationQuery, updateDestinationBody } from "../schema";

const RATE = { max: 600, windowSeconds: 60 };

/** GET /api/v1/destinations/{destinationId}. */
export const GET = apiRoute({
  name: "destinations.read",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: RATE,
  async handle({ caller, db, request }) {
    const id = destinationIdOf(request);
    const destination = await runAsDestinationsApi(db, caller, (sql, workspaceId) => getDestination(sql, workspaceId, id));
    return { status: 200, body: { destination: destinationBody(destination) } };
  },
});

/** PATCH /api/v1/destinations/{destinationId}: changes what is sent; audited. */
export const PATCH = apiRoute({
  name: "destinations.update",
  auth: { scope: "destinations:manage" },
  schema: updateDestinationBody,
  rateLimit: RATE,
  async handle({ input, caller, db, request }) {
    const id = destinationIdOf(request);
    const destination = await runAsDestinationsApi(db, caller, (sql, workspaceId) => updateDestination(sql, workspaceId, id, input));
    return { status: 200, body: { destination: destinationBody(destination) } };
  },
});

/** DELETE /api/v1/destinations/{destinationId}: nothing more is sent; its deliveries stay as proof. */
export const DELETE = apiRoute({
  name: "destinations.delete",
  auth: { scope: "destinations:manage" },
  source: "query",
  schema: noDestinationQuery,
  rateLimit: RATE,
  async handle({ caller, db, request }) {
    const id = destinationIdOf(request);
    await runAsDestinationsApi(db, caller, (sql, workspaceId) => deleteDestination(sql, workspaceId, id));
    return { status: 204, body: null };
  },
});
