import { describe, expect, it } from "vitest";
import { emptyRichTextDoc, richTextFromParagraphs } from "@/lib/experience/rich-text";
import { translationStatus } from "./translation-status";

const text = (value: string) => richTextFromParagraphs([value]);
const at = (micros: number) => `2026-11-23T20:00:00.${String(micros).padStart(6, "0")}Z`;

describe("translationStatus", () => {
  it("names each offered locale, in the order offered", () => {
    const version = { content: { en: text("Hello"), fr: text("Bonjour") }, localeUpdatedAt: { en: at(1), fr: at(2) } };
    expect(translationStatus(version, "en", ["fr", "en", "de"])).toEqual([
      { locale: "fr", status: "current" },
      { locale: "en", status: "current" },
      { locale: "de", status: "missing" },
    ]);
  });

  it("a locale without text is missing: absent, empty editor, or only whitespace", () => {
    const version = {
      content: { en: text("Hello"), fr: emptyRichTextDoc(), de: richTextFromParagraphs(["  ", ""]) },
      localeUpdatedAt: { en: at(1), fr: at(5), de: at(5) },
    };
    expect(translationStatus(version, "en", ["en", "fr", "de", "ja"]).map((entry) => entry.status)).toEqual([
      "current",
      "missing",
      "missing",
      "missing",
    ]);
  });

  it("a translation changed before its source is outdated; at the same time or later it is current", () => {
    const content = { en: text("Hello"), fr: text("Bonjour"), de: text("Hallo"), ja: text("こんにちは") };
    const version = { content, localeUpdatedAt: { en: at(500), fr: at(499), de: at(500), ja: at(501) } };
    expect(translationStatus(version, "en", ["en", "fr", "de", "ja"])).toEqual([
      { locale: "en", status: "current" },
      { locale: "fr", status: "outdated" }, // one microsecond before: Date alone would call it equal
      { locale: "de", status: "current" },
      { locale: "ja", status: "current" },
    ]);
  });

  it("the source locale is never outdated, whatever the translations did", () => {
    const version = { content: { en: text("Hello"), "zh-CN": text("你好") }, localeUpdatedAt: { en: at(1), "zh-CN": at(9) } };
    expect(translationStatus(version, "zh-CN", ["en", "zh-CN"])).toEqual([
      { locale: "en", status: "outdated" },
      { locale: "zh-CN", status: "current" },
    ]);
  });

  it("a translation with no recorded change is outdated once the source has one; with no source time nothing is", () => {
    const content = { en: text("Hello"), fr: text("Bonjour") };
    expect(translationStatus({ content, localeUpdatedAt: { en: at(1) } }, "en", ["fr"])).toEqual([{ locale: "fr", status: "outdated" }]);
    expect(translationStatus({ content, localeUpdatedAt: {} }, "en", ["fr"])).toEqual([{ locale: "fr", status: "current" }]);
  });

  it("times written another way are compared as dates", () => {
    const content = { en: text("Hello"), fr: text("Bonjour") };
    const version = { content, localeUpdatedAt: { en: "2026-11-23T20:00:00+08:00", fr: "2026-11-23T12:30:00Z" } };
    expect(translationStatus(version, "en", ["fr"])).toEqual([{ locale: "fr", status: "current" }]);
  });
});
