import { describe, expect, it } from "vitest";
import { draftDocumentSchema, outdatedTranslations, richTextFromParagraphs, type Block, type Locale } from "@/lib/experience";
import { documentWith } from "@/lib/experience/test-support";
import type { DesignerAction } from "./actions";
import { run, start } from "./test-support";

const heading = (id: string, text: Partial<Record<Locale, string>>): Block => ({ id, type: "heading", level: 2, text });
const sample = () =>
  start(
    documentWith(
      [
        heading("h", { en: "Cookies", "zh-CN": "Cookie", "zh-TW": "" }),
        { id: "body", type: "rich_text", content: { en: richTextFromParagraphs(["We use cookies."]), "zh-CN": richTextFromParagraphs(["我们使用 Cookie。"]) } },
        { id: "ok", type: "button", action: "accept_all", emphasis: "primary", label: { en: "OK", "zh-CN": "好" } },
      ],
      { locales: ["en", "zh-CN", "zh-TW"] },
    ),
  );
/** Typing `value` into one language of the heading, as the inspector does (one keystroke per character). */
const typing = (locale: Locale, value: string, field: "text" = "text"): DesignerAction[] =>
  [...value].map((_, i) => ({ type: "set_text", id: "h", field, locale, value: value.slice(0, i + 1), coalesceKey: `h:${field}:${locale}` }));
const marks = (state: ReturnType<typeof start>) => outdatedTranslations(state.document).map(({ blockId, field, locale }) => `${blockId}.${field}.${locale}`);

describe("translations that may be out of date", () => {
  it("changing one language marks the other languages that have text, and only that text", () => {
    const state = run(sample(), ...typing("en", "Cookies here"));
    expect(marks(state)).toEqual(["h.text.zh-CN"]);
    expect(state.document.outdatedTranslations).toEqual({ h: { text: ["zh-CN"] } });
    expect(draftDocumentSchema.safeParse(state.document).success).toBe(true);
  });

  it("editing the marked language clears its mark and, catching up, marks nothing else", () => {
    const state = run(sample(), ...typing("en", "Cookies here"), ...typing("zh-CN", "这里的 Cookie"));
    expect(marks(state)).toEqual([]);
    expect(state.document.outdatedTranslations).toBeUndefined();
  });

  it("a first translation (the language had no text) marks nothing", () => {
    expect(marks(run(sample(), ...typing("zh-TW", "Cookie 說明")))).toEqual([]);
  });

  it("changing a current language again marks the others again", () => {
    const state = run(sample(), ...typing("en", "A"), ...typing("zh-CN", "甲"), ...typing("en", "B"));
    expect(marks(state)).toEqual(["h.text.zh-CN"]);
  });

  it("a change to a translation that was current marks the source too: either may now be the one that is wrong", () => {
    expect(marks(run(sample(), ...typing("zh-CN", "饼干")))).toEqual(["h.text.en"]);
  });

  it("the person can clear a mark; undo brings it back", () => {
    const edited = run(sample(), ...typing("en", "Cookies here"));
    const cleared = run(edited, { type: "mark_translation_current", id: "h", field: "text", locale: "zh-CN" });
    expect(marks(cleared)).toEqual([]);
    expect(cleared.past).toHaveLength(edited.past.length + 1);
    expect(marks(run(cleared, { type: "undo" }))).toEqual(["h.text.zh-CN"]);
    expect(run(cleared, { type: "mark_translation_current", id: "h", field: "text", locale: "zh-CN" })).toBe(cleared);
  });

  it("rich text is one text per block (field content)", () => {
    const state = run(sample(), { type: "set_rich_text", id: "body", locale: "zh-CN", doc: richTextFromParagraphs(["我们使用必要的 Cookie。"]), coalesceKey: "body:rich:zh-CN" });
    expect(marks(state)).toEqual(["body.content.en"]);
  });

  it("marks of a deleted block, an unoffered language or an emptied text are not reported", () => {
    const state = run(sample(), ...typing("en", "Cookies here"), { type: "set_text", id: "ok", field: "label", locale: "en", value: "Fine" });
    expect(marks(state)).toEqual(["h.text.zh-CN", "ok.label.zh-CN"]);
    expect(marks(run(state, { type: "delete_block", id: "ok" }))).toEqual(["h.text.zh-CN"]);
    expect(marks(run(state, { type: "set_locales", locales: ["en", "zh-TW"], defaultLocale: "en" }))).toEqual([]);
    // Emptying the marked language: it is missing now (a publish problem of its own), no longer "out of date".
    expect(marks(run(state, { type: "set_text", id: "h", field: "text", locale: "zh-CN", value: "" }))).toEqual(["ok.label.zh-CN"]);
  });
});
