// Destinations (issue 14): the domain API the console and the management API build on. Every
// function runs as the caller (a transaction from runAsCaller); RLS and the database's checks decide.
export { createDestination } from "./create";
export { getDestination, listDestinations } from "./read";
export { deleteDestination, rotateDestinationSecret, setDestinationPaused, updateDestination } from "./update";
export * from "./schemas";
export type { Destination } from "./types";
