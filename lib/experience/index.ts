// The experience document: one versioned type for every banner, popup and preference page.
// Pure TypeScript + zod, imported by the designer, the renderer, the embed and the server.
export * from "./localized";
export * from "./urls";
export * from "./rich-text";
export * from "./theme";
export * from "./blocks/common";
export * from "./blocks/content";
export * from "./blocks/consent";
export * from "./blocks/preferences";
export * from "./blocks/block";
export * from "./document";
export * from "./variants";
export * from "./consent-mode";
export * from "./translation-drift";
export * from "./tree";
export * from "./catalog";
export * from "./copy";
export * from "./block-catalog";
export * from "./publish/problems";
export { mergeRegionalProblems, regionalPublishProblems } from "./validate-publish";
export { parseStoredDocument } from "./upgrade";
export * from "./templates";
