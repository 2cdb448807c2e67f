import { describe, expect, it } from "vitest";
import { documentWith } from "./test-support";
import { outdatedTranslations, withOutdatedLocales } from "./translation-drift";
import { parseStoredDocument } from "./upgrade";

const document = documentWith([{ id: "h", type: "heading", level: 2, text: { en: "Cookies", "zh-CN": "Cookie" } }]);

describe("outdatedTranslations in the stored document", () => {
  it("a version-2 document stored before the marks existed reads unchanged, with none", () => {
    const result = parseStoredDocument(JSON.parse(JSON.stringify(document)));
    expect(result).toEqual({ ok: true, document });
    if (result.ok) expect(outdatedTranslations(result.document)).toEqual([]);
  });

  it("marks survive saving and reading back", () => {
    const marked = withOutdatedLocales(document, "h", "text", ["zh-CN"]);
    const result = parseStoredDocument(JSON.parse(JSON.stringify(marked)));
    expect(result.ok && result.document.outdatedTranslations).toEqual({ h: { text: ["zh-CN"] } });
    expect(result.ok && outdatedTranslations(result.document)).toEqual([{ blockId: "h", field: "text", locale: "zh-CN" }]);
  });

  it.each([
    ["an unknown language", { h: { text: ["xx"] } }],
    ["an unknown field", { h: { colour: ["en"] } }],
    ["a malformed block id", { "bad id": { text: ["en"] } }],
  ])("refuses %s", (_case, marks) => {
    expect(parseStoredDocument({ ...document, outdatedTranslations: marks }).ok).toBe(false);
  });

  it("setting marks orders them as the document's languages and drops empty entries", () => {
    const twoLanguages = withOutdatedLocales({ ...document, locales: ["en", "zh-CN", "zh-TW"] }, "h", "text", ["zh-TW", "zh-CN"]);
    expect(twoLanguages.outdatedTranslations).toEqual({ h: { text: ["zh-CN", "zh-TW"] } });
    expect("outdatedTranslations" in withOutdatedLocales(twoLanguages, "h", "text", [])).toBe(false);
    expect(withOutdatedLocales(document, "gone", "text", ["en"]).outdatedTranslations).toBeUndefined();
  });
});
