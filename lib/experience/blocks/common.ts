import { z } from "zod";

/** Ids are minted by the designer; the charset keeps them safe in DOM ids and URLs. */
export const blockIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  message: "Block ids are 1-64 letters, digits, _ or -",
});

/** Ids of catalog rows (purposes, topics, notices): database uuids. */
export const catalogIdSchema = z.guid();
