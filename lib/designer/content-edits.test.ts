import { describe, expect, it } from "vitest";
import { draftDocumentSchema, findBlock, richTextFromParagraphs, type Block } from "@/lib/experience";
import { documentWith } from "@/lib/experience/test-support";
import { run, start } from "./test-support";

const textOf = (state: ReturnType<typeof start>, id: string) => {
  const block = findBlock(state.document, id)?.block;
  return block?.type === "heading" ? block.text : null;
};

describe("set_text and coalescing", () => {
  it("folds a typing run with one coalesceKey into one undo step", () => {
    const typed = run(
      start(),
      { type: "set_text", id: "a", field: "text", locale: "en", value: "H", coalesceKey: "a:text:en" },
      { type: "set_text", id: "a", field: "text", locale: "en", value: "He", coalesceKey: "a:text:en" },
      { type: "set_text", id: "a", field: "text", locale: "en", value: "Hey", coalesceKey: "a:text:en" },
    );
    expect(textOf(typed, "a")).toEqual({ en: "Hey", "zh-CN": "" });
    expect(typed.past).toHaveLength(1);
    expect(textOf(run(typed, { type: "undo" }), "a")).toEqual({ en: "A", "zh-CN": "" });
  });

  it("starts a new step for another field, after other actions, and without a key", () => {
    const key = (locale: "en" | "zh-CN") => `a:text:${locale}`;
    const state = run(
      start(),
      { type: "set_text", id: "a", field: "text", locale: "en", value: "1", coalesceKey: key("en") },
      { type: "set_text", id: "a", field: "text", locale: "zh-CN", value: "一", coalesceKey: key("zh-CN") },
      { type: "select", id: "b" },
      { type: "set_text", id: "a", field: "text", locale: "zh-CN", value: "一二", coalesceKey: key("zh-CN") },
      { type: "set_text", id: "a", field: "text", locale: "en", value: "12" },
      { type: "set_text", id: "a", field: "text", locale: "en", value: "123" },
    );
    expect(state.past).toHaveLength(5);
  });

  it("starts a new step after undo even with the same key", () => {
    const action = { type: "set_text", id: "a", field: "text", locale: "en", value: "X", coalesceKey: "k" } as const;
    const state = run(start(), action, { type: "undo" }, { ...action, value: "Y" });
    expect(state.past).toHaveLength(1);
    expect(state.future).toEqual([]);
  });

  it("refuses a field the block does not have, a language not offered, or overlong text", () => {
    const s0 = start();
    expect(run(s0, { type: "set_text", id: "a", field: "label", locale: "en", value: "x" })).toBe(s0);
    expect(run(s0, { type: "set_text", id: "a", field: "text", locale: "ja", value: "x" })).toBe(s0);
    expect(run(s0, { type: "set_text", id: "a", field: "text", locale: "en", value: "x".repeat(2001) })).toBe(s0);
    expect(run(s0, { type: "set_text", id: "a", field: "text", locale: "en", value: "A" })).toBe(s0);
  });
});

describe("set_rich_text", () => {
  const document = documentWith([{ id: "r", type: "rich_text", content: {} }]);

  it("sets one language's document and coalesces like text", () => {
    const state = run(
      start(document),
      { type: "set_rich_text", id: "r", locale: "en", doc: richTextFromParagraphs(["a"]), coalesceKey: "r:en" },
      { type: "set_rich_text", id: "r", locale: "en", doc: richTextFromParagraphs(["ab"]), coalesceKey: "r:en" },
    );
    expect(findBlock(state.document, "r")?.block).toEqual({ id: "r", type: "rich_text", content: { en: richTextFromParagraphs(["ab"]) } });
    expect(state.past).toHaveLength(1);
  });

  it("refuses unsafe content and non-rich-text blocks", () => {
    const s0 = start(document);
    const unsafe = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] };
    expect(run(s0, { type: "set_rich_text", id: "r", locale: "en", doc: unsafe as never })).toBe(s0);
    expect(run(start(), { type: "set_rich_text", id: "a", locale: "en", doc: richTextFromParagraphs(["a"]) })).toEqual(start());
  });
});

describe("update_block", () => {
  const link: Block = { id: "l", type: "link", linkType: "custom", href: "", label: {} };

  it("patches fields but never id, type or children", () => {
    const state = run(start(documentWith([link])), { type: "update_block", id: "l", patch: { href: "https://example.com", id: "z", type: "divider" } as never });
    expect(findBlock(state.document, "l")?.block).toEqual({ ...link, href: "https://example.com" });
    const box = run(start(), { type: "update_block", id: "box", patch: { layout: "columns", blocks: [] } as never });
    expect(findBlock(box.document, "box")?.block).toMatchObject({ layout: "columns", blocks: [{ id: "x" }, { id: "inner" }] });
  });

  it("refuses a patch that makes the block invalid, and ignores one that changes nothing", () => {
    const s0 = start(documentWith([link]));
    expect(run(s0, { type: "update_block", id: "l", patch: { href: "javascript:alert(1)" } })).toBe(s0);
    expect(run(s0, { type: "update_block", id: "l", patch: { href: "" } })).toBe(s0);
    expect(run(s0, { type: "update_block", id: "missing", patch: { href: "/x" } })).toBe(s0);
  });
});

describe("document settings", () => {
  it("set_theme merges colours and validates", () => {
    const s0 = start();
    const state = run(s0, { type: "set_theme", patch: { colors: { primary: "#000000" }, radius: 4 } });
    expect(state.document.theme).toMatchObject({ radius: 4, colors: { ...s0.document.theme.colors, primary: "#000000" } });
    expect(run(s0, { type: "set_theme", patch: { colors: { primary: "red" } } })).toBe(s0);
    expect(run(s0, { type: "set_theme", patch: { radius: 99 } })).toBe(s0);
  });

  it("set_kind changes the kind as one step", () => {
    const state = run(start(), { type: "set_kind", kind: "popup" });
    expect(state.document.kind).toBe("popup");
    expect(state.past).toHaveLength(1);
    expect(run(state, { type: "set_kind", kind: "popup" })).toBe(state);
  });

  it("set_locales keeps texts of dropped languages and moves the preview", () => {
    const previewing = run(start(), { type: "set_preview_locale", locale: "zh-CN" });
    const state = run(previewing, { type: "set_locales", locales: ["en"], defaultLocale: "en" });
    expect(state.document).toMatchObject({ locales: ["en"], defaultLocale: "en" });
    expect(state.previewLocale).toBe("en");
    expect(textOf(state, "a")).toEqual({ en: "A", "zh-CN": "" });
    expect(draftDocumentSchema.safeParse(state.document).success).toBe(true);
  });

  it("set_locales refuses an empty list, repeats, or a default not offered", () => {
    const s0 = start();
    expect(run(s0, { type: "set_locales", locales: [], defaultLocale: "en" })).toBe(s0);
    expect(run(s0, { type: "set_locales", locales: ["en", "en"], defaultLocale: "en" })).toBe(s0);
    expect(run(s0, { type: "set_locales", locales: ["en"], defaultLocale: "ja" })).toBe(s0);
  });
});
