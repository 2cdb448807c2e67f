// Regions as rule sets (regulations.md, "A region is a rule set"): the presets, a workspace's
// adjustments within the law's floor, visitor resolution, and the reads hosted pages use.
export * from "./rule-set";
export * from "./presets";
export * from "./effective";
export * from "./floors";
export * from "./adjustments";
export * from "./resolve";
export * from "./workspace-regions";
