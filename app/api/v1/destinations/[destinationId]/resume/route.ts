import { pausingRoute } from "../pause-route";

/** POST /api/v1/destinations/{destinationId}/resume: sends what waited, and clears a disable by the engine (a 410, days of failures). */
export const POST = pausingRoute(false);
