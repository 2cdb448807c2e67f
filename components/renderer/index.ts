// THE renderer of an experience document: pure React, data + callbacks, never fetches.
// Used by the designer canvas, preview links, hosted pages and (bundled) the embed script.
export { ExperienceRenderer } from "./experience-renderer";
export { initialChoices, choicesForAction, completeChoices } from "@/lib/renderer-model/choices";
export { rendererStrings, type RendererStrings } from "./strings";
export type {
  BlockFrameProps,
  BlockListProps,
  ButtonAction,
  Channel,
  ConsentChoices,
  ExperienceRendererProps,
  RendererCatalog,
  RendererCatalogPurpose,
  RendererMode,
  RendererNotice,
} from "./types";
