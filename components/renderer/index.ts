// THE renderer of an experience document: pure React, data + callbacks, never fetches.
// Used by the designer canvas, preview links, hosted pages and (bundled) the embed script.
export { ExperienceRenderer } from "./experience-renderer";
export { initialChoices } from "@/lib/renderer-model/choices";
export type { BlockFrameProps, BlockListProps, ButtonAction, ConsentChoices, ExperienceRendererProps } from "./types";
