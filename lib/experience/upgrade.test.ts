import { describe, expect, it } from "vitest";
import { localizedTextOf } from "./blocks/block";
import { draftDocumentSchema } from "./document";
import v1CookieBanner from "./stored/fixtures/v1-cookie-banner.json";
import { documentV1Schema } from "./stored/v1";
import { walkBlocks } from "./tree";
import { euCookieBanner } from "./templates";
import { counterIds, STANDARD_CATALOG } from "./test-support";
import { parseStoredDocument } from "./upgrade";

/** Every string anywhere in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

describe("parseStoredDocument", () => {
  it("reads the v1 fixture as a valid v1 document (the fixture itself is sound)", () => {
    expect(documentV1Schema.safeParse(v1CookieBanner).success).toBe(true);
  });

  it("upgrades a v1 document to the current version", () => {
    const result = parseStoredDocument(v1CookieBanner);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const document = result.document;
    expect(draftDocumentSchema.safeParse(document).success).toBe(true);
    expect(document).toMatchObject({ schemaVersion: 2, kind: "banner", locales: ["zh-CN"], defaultLocale: "zh-CN" });
    expect(document.theme).toEqual({
      mode: "dark",
      colors: { background: "#111827", text: "#f9fafb", primary: "#dc2626", primaryText: "#ffffff", border: "#374151" },
      font: "rounded",
      radius: 12,
      position: "bottom-right",
      logo: null,
    });
    expect(walkBlocks(document).map(({ block }) => block.id)).toEqual(
      walkBlocks(v1CookieBanner as never).map(({ block }) => block.id),
    );
  });

  it("keeps every v1 text, now under the old locale", () => {
    const result = parseStoredDocument(v1CookieBanner);
    if (!result.ok) throw new Error("upgrade failed");
    const texts = walkBlocks(result.document).flatMap(({ block }) =>
      (["text", "label", "description", "alt"] as const).flatMap((field) => {
        const text = localizedTextOf(block, field);
        return text === null ? [] : [text];
      }),
    );
    for (const text of texts) expect(Object.keys(text)).toEqual(["zh-CN"]);
    expect(texts.map((text) => text["zh-CN"])).toEqual(["示例商城", "我们使用 Cookie", "统计分析", "帮助我们改进网站", "全部接受", "全部拒绝", "隐私政策"]);
    const body = walkBlocks(result.document).find(({ block }) => block.id === "body")?.block;
    expect(body?.type === "rich_text" && Object.keys(body.content)).toEqual(["zh-CN"]);
    // Nothing the v1 document said is lost in the upgrade.
    const upgraded = new Set(stringsIn(result.document));
    for (const value of stringsIn(v1CookieBanner.blocks)) expect(upgraded).toContain(value);
  });

  it("returns a current document unchanged", () => {
    const document = euCookieBanner.create({ ids: counterIds(), locales: ["en", "zh-TW"], defaultLocale: "en", catalog: STANDARD_CATALOG });
    expect(parseStoredDocument(JSON.parse(JSON.stringify(document)))).toEqual({ ok: true, document });
  });

  it.each([
    ["an unknown schema version", { ...v1CookieBanner, schemaVersion: 3 }],
    ["no schema version", { kind: "banner", blocks: [] }],
    ["a v1 document with a v2 theme", { ...v1CookieBanner, theme: { mode: "light" } }],
    ["a v1 document with a localized text", { ...v1CookieBanner, blocks: [{ id: "h", type: "heading", text: { en: "x" }, level: 2 }] }],
    ["null", null],
    ["a string", "{\"schemaVersion\":2}"],
    ["an array", []],
  ])("refuses %s", (_case, json) => {
    const result = parseStoredDocument(json);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.length).toBeGreaterThan(0);
  });

  it("refuses a v1 document that breaks today's structural rules after upgrading", () => {
    const duplicate = { ...v1CookieBanner, blocks: [...v1CookieBanner.blocks, { id: "title", type: "divider" }] };
    const result = parseStoredDocument(duplicate);
    expect(result.ok).toBe(false);
  });
});
