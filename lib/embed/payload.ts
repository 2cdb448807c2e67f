import type { LiveExperience } from "@/lib/public/live-types";
import type { EmbedStrings } from "./strings";

/**
 * What GET /api/v1/experiences/{publicId}/embed answers: the live experience, its markup as THE
 * renderer draws it (without the stylesheet, which ships in v1.js) and the embed's own words,
 * all in the visitor's language.
 */
export interface EmbedExperience extends LiveExperience {
  markup: string;
  strings: EmbedStrings;
}
