import { describe, expect, it } from "vitest";
import { BLOCK_CATALOG, blockCatalogEntry, createBlock } from "./block-catalog";
import { BLOCK_TYPES, blockSchema } from "./blocks/block";
import { counterIds } from "./test-support";

describe("BLOCK_CATALOG", () => {
  it("lists every block type once, in palette order", () => {
    expect(BLOCK_CATALOG.map((entry) => entry.type)).toEqual([...BLOCK_TYPES]);
  });

  it.each(BLOCK_TYPES)("creates a valid %s with the id it is given", (type) => {
    const block = createBlock(type, counterIds("new"), ["en", "zh-CN", "ja"]);
    expect(block).toMatchObject({ id: "new1", type });
    expect(blockSchema.safeParse(block).success).toBe(true);
  });

  it("marks exactly the container types as containers", () => {
    expect(BLOCK_CATALOG.filter((entry) => entry.isContainer).map((entry) => entry.type)).toEqual(["preferences_layer", "container"]);
  });

  it("gives buttons and links default labels in shipped languages only", () => {
    expect(createBlock("button", counterIds(), ["en", "zh-TW", "ja"]).label).toEqual({ en: "Save my choices", "zh-TW": "儲存我的選擇", ja: "" });
    expect(createBlock("link", counterIds(), ["zh-CN"]).label).toEqual({ "zh-CN": "隐私政策" });
    expect(createBlock("heading", counterIds(), ["en", "zh-CN"]).text).toEqual({ en: "", "zh-CN": "" });
  });

  it("keeps the second layer to banners and popups, identity to preference pages", () => {
    expect(blockCatalogEntry("preferences_layer").allowedIn).toEqual(["banner", "popup"]);
    expect(blockCatalogEntry("identity_field").allowedIn).toEqual(["preference_page"]);
  });
});
