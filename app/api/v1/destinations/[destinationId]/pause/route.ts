import { pausingRoute } from "../pause-route";

/** POST /api/v1/destinations/{destinationId}/pause: deliveries wait (and are kept) until it is resumed. */
export const POST = pausingRoute(true);
