import { describe, expect, it } from "vitest";
import type { Block } from "./blocks/block";
import { draftDocumentSchema, emptyDocument, MAX_BLOCKS } from "./document";
import { documentWith } from "./test-support";
import { parseStoredDocument } from "./upgrade";

const issueCodes = (input: unknown) => {
  const result = draftDocumentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => (issue.code === "custom" ? issue.params?.code : issue.code));
};

/** `levels` containers nested in each other, a divider innermost. */
function nested(levels: number, prefix = "c"): Block {
  let block: Block = { id: `${prefix}-leaf`, type: "divider" };
  for (let level = levels; level >= 1; level--) {
    block = { id: `${prefix}${level}`, type: "container", layout: "stack", columns: 2, blocks: [block] };
  }
  return block;
}

describe("draftDocumentSchema", () => {
  it("accepts an empty document of every kind", () => {
    for (const kind of ["banner", "popup", "preference_page"] as const) {
      expect(draftDocumentSchema.safeParse(emptyDocument(kind, ["en"], "en")).success).toBe(true);
    }
  });

  it("accepts a draft with missing and empty translations and unbound references", () => {
    const draft = documentWith([
      { id: "h", type: "heading", text: { en: "Only English" }, level: 2 },
      { id: "p", type: "purpose_toggle", purposeId: null, required: false, defaultOn: false, label: {}, description: { "zh-CN": "" } },
      { id: "n", type: "notice", noticeId: null, placeholder: {} },
      { id: "t", type: "topic_subscriptions", topicIds: [], label: {} },
      { id: "c", type: "container", layout: "stack", columns: 2, blocks: [] },
    ]);
    expect(draftDocumentSchema.safeParse(draft).success).toBe(true);
  });

  it("keeps text of a language no longer offered", () => {
    const draft = documentWith([{ id: "h", type: "heading", text: { en: "Hi", ja: "こんにちは" }, level: 2 }], { locales: ["en"] });
    expect(draftDocumentSchema.parse(draft)).toEqual(draft);
  });

  it("rejects duplicate block ids, also across nesting levels", () => {
    const draft = documentWith([
      { id: "same", type: "divider" },
      { id: "c", type: "container", layout: "stack", columns: 2, blocks: [{ id: "same", type: "language_switcher" }] },
    ]);
    const result = draftDocumentSchema.safeParse(draft);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["blocks", 1, "blocks", 0, "id"], params: { code: "duplicate_block_id" } });
  });

  it("allows nesting 3 levels deep and rejects a 4th", () => {
    expect(issueCodes(documentWith([nested(3)]))).toEqual([]);
    // The deepest legitimate JSON: a linked list item in rich text, three containers down.
    const linkedItem = { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://a.example" } }] }] };
    const rich: Block = { id: "rich", type: "rich_text", content: { en: { type: "doc", content: [{ type: "bulletList", content: [{ type: "listItem", content: [linkedItem] }] }] } } } as Block;
    const deepest = nested(3);
    const innermost = (block: Block): Block[] => (block.type === "container" ? (block.blocks[0]?.type === "container" ? innermost(block.blocks[0]) : block.blocks) : []);
    innermost(deepest).push(rich);
    expect(issueCodes(documentWith([{ id: "layer", type: "preferences_layer", title: {}, blocks: [] }, deepest]))).toEqual([]);
    expect(issueCodes(documentWith([nested(4)]))).toEqual(["too_deep"]);
  });

  it("rejects a preferences layer inside a container, and inside another layer", () => {
    const layer: Block = { id: "layer", type: "preferences_layer", title: {}, blocks: [] };
    const inContainer = documentWith([{ id: "c", type: "container", layout: "stack", columns: 2, blocks: [layer] }]);
    const inLayer = documentWith([{ id: "outer", type: "preferences_layer", title: {}, blocks: [layer] }]);
    expect(issueCodes(inContainer)).toEqual(["misplaced_preferences_layer"]);
    expect(issueCodes(inLayer)).toEqual(["misplaced_preferences_layer"]);
  });

  it("lets a preferences layer hold containers", () => {
    const draft = documentWith([{ id: "layer", type: "preferences_layer", title: {}, blocks: [nested(2)] }]);
    expect(issueCodes(draft)).toEqual([]);
  });

  it("requires offered locales to be unique and non-empty, with the default among them", () => {
    expect(issueCodes({ ...emptyDocument("banner", ["en"], "en"), locales: [] })).not.toEqual([]);
    expect(issueCodes({ ...emptyDocument("banner", ["en"], "en"), locales: ["en", "en"] })).not.toEqual([]);
    expect(issueCodes(emptyDocument("banner", ["en"], "zh-CN"))).toEqual(["default_locale_not_offered"]);
  });

  it("rejects bad theme values", () => {
    const base = emptyDocument("banner", ["en"], "en");
    for (const theme of [
      { ...base.theme, radius: 25 },
      { ...base.theme, colors: { ...base.theme.colors, primary: "blue" } },
      { ...base.theme, logo: { src: "javascript:alert(1)", alt: {} } },
      { ...base.theme, font: "Comic Sans" },
    ]) {
      expect(draftDocumentSchema.safeParse({ ...base, theme }).success).toBe(false);
    }
  });

  it("rejects other schema versions (those go through parseStoredDocument)", () => {
    expect(draftDocumentSchema.safeParse({ ...emptyDocument("banner", ["en"], "en"), schemaVersion: 1 }).success).toBe(false);
  });

  it("refuses absurdly deep input with issues instead of overflowing the stack", () => {
    // 2,000 levels: ~150 kB of JSON, past the point where recursive validation overflowed.
    const deep = nested(2_000);
    for (const draft of [documentWith([deep]), { schemaVersion: 1, kind: "banner", locale: "en", theme: {}, blocks: [deep] }]) {
      expect(parseStoredDocument(draft).ok).toBe(false);
    }
    expect(issueCodes(documentWith([deep]))).toContain("too_deep");
  });

  it("bounds the number of blocks", () => {
    const blocks: Block[] = Array.from({ length: MAX_BLOCKS + 1 }, (_, i) => ({ id: `d${i}`, type: "divider" }));
    expect(issueCodes(documentWith(blocks))).toEqual(["too_many_blocks"]);
  });
});

describe("emptyDocument", () => {
  it("places banners at the bottom and popups in the centre", () => {
    expect(emptyDocument("banner", ["en"], "en").theme.position).toBe("bottom");
    expect(emptyDocument("popup", ["zh-CN", "en"], "zh-CN")).toMatchObject({ locales: ["zh-CN", "en"], defaultLocale: "zh-CN", theme: { position: "center" } });
  });
});
