import { describe, expect, it } from "vitest";
import { richTextFromParagraphs } from "@/lib/experience/rich-text";
import { canonicalJsonbText, noticeVersionHash } from "./content-hash";

// Expected texts are what PostgreSQL prints for the same values cast to jsonb (checked on
// PGlite and PostgreSQL 15 by lib/notices/immutability.db.test.ts through the whole hash).
describe("canonicalJsonbText", () => {
  it("orders keys as jsonb does: shorter first, then byte by byte", () => {
    expect(canonicalJsonbText({ number: 1, b: true, aa: null, a: "x", "zh-CN": {}, en: [] })).toBe(
      '{"a": "x", "b": true, "aa": null, "en": [], "zh-CN": {}, "number": 1}',
    );
    // Byte length, not UTF-16 length: "é" is two bytes, so it sorts after one-byte "z".
    expect(canonicalJsonbText({ é: 1, z: 2, Z: 3 })).toBe('{"Z": 3, "z": 2, "é": 1}');
  });

  it("escapes strings as escape_json does and keeps non-ASCII as is", () => {
    expect(canonicalJsonbText(['a"b\\c', "line\nbreak\ttab", "\u0001", "你好 🍪"])).toBe(
      '["a\\"b\\\\c", "line\\nbreak\\ttab", "\\u0001", "你好 🍪"]',
    );
  });

  it("drops undefined members like JSON does and refuses what jsonb cannot hold", () => {
    expect(canonicalJsonbText({ a: undefined, b: 1 })).toBe('{"b": 1}');
    expect(() => canonicalJsonbText(Number.NaN)).toThrow();
    expect(() => canonicalJsonbText(() => 1)).toThrow();
  });
});

describe("noticeVersionHash", () => {
  const version = {
    noticeId: "8b0b4a4e-7d0a-4a56-9a31-2c2f1d1b8e11",
    number: 3,
    content: { en: richTextFromParagraphs(["Hello"]) },
    rightsStatement: { en: "Write to us." },
    purposeStatements: {},
    purposeIds: ["0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"],
    jurisdictions: ["EU" as const],
    materialChange: false,
  };

  it("is a SHA-256 hex digest that any change to what was approved moves", () => {
    const hash = noticeVersionHash(version);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(noticeVersionHash({ ...version })).toBe(hash);
    expect(noticeVersionHash({ ...version, number: 4 })).not.toBe(hash);
    expect(noticeVersionHash({ ...version, materialChange: true })).not.toBe(hash);
    expect(noticeVersionHash({ ...version, jurisdictions: ["EU", "CN"] })).not.toBe(hash);
    expect(noticeVersionHash({ ...version, content: { en: richTextFromParagraphs(["Hello!"]) } })).not.toBe(hash);
  });

  it("does not depend on the order keys were written in", () => {
    const reordered = { ...version, rightsStatement: { en: "Write to us." }, content: { en: { content: version.content.en.content, type: "doc" as const } } };
    expect(noticeVersionHash(reordered)).toBe(noticeVersionHash(version));
  });
});
