import { describe, expect, it } from "vitest";
import { applyVariant, draftDocumentSchema, findBlock, type Block } from "@/lib/experience";
import { documentWith } from "@/lib/experience/test-support";
import { heading, run, start } from "./test-support";

const toggle: Block = { id: "t", type: "purpose_toggle", purposeId: null, required: false, defaultOn: false, label: {}, description: {} };
const sample = () => documentWith([heading("a", "A"), toggle, heading("b", "B")], { locales: ["en", "zh-CN", "zh-TW"] });

describe("region variant actions", () => {
  it("set_preview_region changes what is previewed, not the document, and is no undo step", () => {
    const state = run(start(sample()), { type: "set_preview_region", region: "CN" });
    expect(state.previewRegion).toBe("CN");
    expect(state.document).toEqual(sample());
    expect(state.past).toHaveLength(0);
    expect(run(state, { type: "set_preview_region", region: null }).previewRegion).toBeNull();
  });

  it("set_block_hidden hides a block in one region only, undoably, and showing it again leaves no variant behind", () => {
    const hidden = run(start(sample()), { type: "set_preview_region", region: "CN" }, { type: "set_block_hidden", region: "CN", id: "a", hidden: true });
    expect(hidden.document.variants).toEqual({ CN: { hiddenBlocks: ["a"] } });
    expect(findBlock(applyVariant(hidden.document, "CN"), "a")).toBeNull();
    expect(findBlock(applyVariant(hidden.document, "EU"), "a")).not.toBeNull();
    expect(draftDocumentSchema.safeParse(hidden.document).success).toBe(true);
    expect(hidden.past).toHaveLength(1);
    expect(run(hidden, { type: "undo" }).document).toEqual(sample());
    const shown = run(hidden, { type: "set_block_hidden", region: "CN", id: "a", hidden: false });
    expect(shown.document).toEqual(sample());
    expect("variants" in shown.document).toBe(false);
  });

  it("refuses what changes nothing or names no block", () => {
    const state = start(sample());
    expect(run(state, { type: "set_block_hidden", region: "EU", id: "missing", hidden: true })).toBe(state);
    expect(run(state, { type: "set_block_hidden", region: "EU", id: "a", hidden: false })).toBe(state);
    expect(run(state, { type: "set_variant_default_on", region: "EU", id: "a", defaultOn: true })).toBe(state); // not a purpose toggle
  });

  it("set_variant_default_on ticks a purpose by default in one region; null follows the shared default again", () => {
    const ticked = run(start(sample()), { type: "set_variant_default_on", region: "US-CA", id: "t", defaultOn: true });
    expect(ticked.document.variants).toEqual({ "US-CA": { defaultOn: { t: true } } });
    const block = findBlock(applyVariant(ticked.document, "US-CA"), "t")?.block;
    expect(block?.type === "purpose_toggle" && block.defaultOn).toBe(true);
    const shared = findBlock(applyVariant(ticked.document, "EU"), "t")?.block;
    expect(shared?.type === "purpose_toggle" && shared.defaultOn).toBe(false);
    expect(run(ticked, { type: "set_variant_default_on", region: "US-CA", id: "t", defaultOn: null }).document).toEqual(sample());
  });

  it("set_variant_locales offers a subset of the document's languages in its order, with a default among them", () => {
    const state = run(start(sample()), { type: "set_variant_locales", region: "HK", locales: ["zh-TW", "en"], defaultLocale: "zh-TW" });
    expect(state.document.variants).toEqual({ HK: { locales: ["en", "zh-TW"], defaultLocale: "zh-TW" } });
    expect(applyVariant(state.document, "HK")).toMatchObject({ locales: ["en", "zh-TW"], defaultLocale: "zh-TW" });
    // A language the document does not offer, a default the region does not offer, no language: refused.
    expect(run(state, { type: "set_variant_locales", region: "HK", locales: ["fr"], defaultLocale: null })).toBe(state);
    expect(run(state, { type: "set_variant_locales", region: "HK", locales: ["en"], defaultLocale: "zh-TW" })).toBe(state);
    expect(run(state, { type: "set_variant_locales", region: "HK", locales: [], defaultLocale: null })).toBe(state);
    expect(run(state, { type: "set_variant_locales", region: "HK", locales: null, defaultLocale: null }).document).toEqual(sample());
  });

  it("set_variant_position and reset_variant", () => {
    const state = run(
      start(sample()),
      { type: "set_variant_position", region: "EU", position: "center" },
      { type: "set_block_hidden", region: "EU", id: "b", hidden: true },
      { type: "set_block_hidden", region: "CN", id: "b", hidden: true },
    );
    expect(state.document.variants).toEqual({ EU: { position: "center", hiddenBlocks: ["b"] }, CN: { hiddenBlocks: ["b"] } });
    expect(applyVariant(state.document, "EU").theme.position).toBe("center");
    const reset = run(state, { type: "reset_variant", region: "EU" });
    expect(reset.document.variants).toEqual({ CN: { hiddenBlocks: ["b"] } });
    expect(run(reset, { type: "undo" }).document).toEqual(state.document);
  });
});
