import { afterEach, describe, expect, it } from "vitest";
import type { Locale } from "../experience/localized";
import { plainTextOf, richTextFromParagraphs, type RichTextDoc } from "../experience/rich-text";
import { diffNoticeText, diffSummary, wordTokens, type DiffPart } from "./diff";

const docOf = (...paragraphs: string[]) => richTextFromParagraphs(paragraphs);

/** The two texts a diff was made from, rebuilt from its parts. */
function sides(parts: readonly DiffPart[]): { before: string; after: string } {
  return {
    before: parts.filter((part) => part.kind !== "added").map((part) => part.text).join(""),
    after: parts.filter((part) => part.kind !== "removed").map((part) => part.text).join(""),
  };
}

describe("diffNoticeText", () => {
  it("diffs English by word", () => {
    const parts = diffNoticeText(docOf("We collect your phone number.", "We keep it for a year."), docOf("We collect your email address.", "We keep it for a year."), "en");
    expect(parts).toEqual([
      { kind: "same", text: "We collect your " },
      { kind: "removed", text: "phone number" },
      { kind: "added", text: "email address" },
      { kind: "same", text: ".\nWe keep it for a year." },
    ]);
    expect(diffSummary(parts)).toEqual({ added: 13, removed: 12 });
  });

  it("diffs Chinese by word, although it has no spaces", () => {
    const parts = diffNoticeText(docOf("我们收集您的手机号码"), docOf("我们收集您的电子邮箱"), "zh-CN");
    expect(parts).toEqual([
      { kind: "same", text: "我们收集您的" },
      { kind: "removed", text: "手机号码" },
      { kind: "added", text: "电子邮箱" },
    ]);
    expect(diffSummary(parts)).toEqual({ added: 4, removed: 4 });
  });

  it("diffs Traditional Chinese with punctuation, keeping unchanged words whole", () => {
    const parts = diffNoticeText(docOf("我們會保存您的資料一年。"), docOf("我們會保存您的資料兩年，然後刪除。"), "zh-TW");
    expect(sides(parts)).toEqual({ before: "我們會保存您的資料一年。", after: "我們會保存您的資料兩年，然後刪除。" });
    expect(parts[0]).toEqual({ kind: "same", text: "我們會保存您的資料" });
    expect(parts.some((part) => part.kind === "removed" && part.text.includes("一"))).toBe(true);
    expect(parts.some((part) => part.kind === "added" && part.text.includes("然後刪除"))).toBe(true);
  });

  it("gives only `same` for identical documents", () => {
    const a = docOf("Same text.", "我们收集您的手机号码");
    const parts = diffNoticeText(a, structuredClone(a), "en");
    expect(parts).toEqual([{ kind: "same", text: "Same text.\n我们收集您的手机号码" }]);
    expect(diffSummary(parts)).toEqual({ added: 0, removed: 0 });
  });

  it("ignores formatting: a bolded word is not a change in the text", () => {
    const plain = docOf("Read the policy");
    const bold: RichTextDoc = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Read the " }, { type: "text", text: "policy", marks: [{ type: "bold" }] }] }],
    };
    expect(diffNoticeText(plain, bold, "en")).toEqual([{ kind: "same", text: "Read the policy" }]);
  });

  it("treats a missing or empty before as all added, and a missing after as all removed", () => {
    expect(diffNoticeText(undefined, docOf("First version"), "en")).toEqual([{ kind: "added", text: "First version" }]);
    expect(diffNoticeText(docOf(""), docOf("第一版"), "zh-CN")).toEqual([{ kind: "added", text: "第一版" }]);
    expect(diffNoticeText(docOf("Gone"), undefined, "en")).toEqual([{ kind: "removed", text: "Gone" }]);
    expect(diffNoticeText(undefined, undefined, "en")).toEqual([]);
    expect(diffSummary(diffNoticeText(undefined, docOf("第一版"), "zh-CN"))).toEqual({ added: 3, removed: 0 });
  });

  it("never leaves two adjacent parts of one kind, nor empty parts, and rebuilds both texts exactly", () => {
    const pairs: [string[], string[], Locale][] = [
      [["a b c d e"], ["a x c y e"], "en"],
      [["One.", "Two.", "Three."], ["One.", "Three.", "Four."], "en"],
      [["我们收集您的姓名、手机号码和地址。"], ["我们收集您的姓名和电子邮箱地址，并保存两年。"], "zh-CN"],
      [["個人情報を収集します。"], ["個人情報を収集し、保存します。"], "ja"],
      [["Nous collectons votre adresse e-mail."], ["Nous ne collectons pas votre adresse."], "fr"],
      [["  leading and trailing  "], ["leading, trailing"], "en"],
      [["emoji 👍🏽 and 𠀀"], ["emoji 👎 and 𠀁"], "en"],
    ];
    for (const [before, after, locale] of pairs) {
      const parts = diffNoticeText(docOf(...before), docOf(...after), locale);
      expect(sides(parts), `${before} → ${after}`).toEqual({ before: plainTextOf(docOf(...before)), after: plainTextOf(docOf(...after)) });
      for (const [index, part] of parts.entries()) {
        expect(part.text).not.toBe("");
        if (index > 0) expect(parts[index - 1]!.kind, `${before} → ${after}`).not.toBe(part.kind);
      }
    }
  });

  it("does not fold line breaks between two changes into them", () => {
    const parts = diffNoticeText(docOf("alpha", "beta"), docOf("gamma", "delta"), "en");
    expect(parts).toEqual([
      { kind: "removed", text: "alpha" },
      { kind: "added", text: "gamma" },
      { kind: "same", text: "\n" },
      { kind: "removed", text: "beta" },
      { kind: "added", text: "delta" },
    ]);
  });
});

describe("diffSummary", () => {
  it("counts characters as code points", () => {
    expect(
      diffSummary([
        { kind: "same", text: "unchanged" },
        { kind: "added", text: "𠀀👍" },
        { kind: "removed", text: "abc" },
        { kind: "added", text: "d" },
      ]),
    ).toEqual({ added: 3, removed: 3 });
    expect(diffSummary([])).toEqual({ added: 0, removed: 0 });
  });
});

describe("wordTokens", () => {
  const segmenter = Intl.Segmenter;
  afterEach(() => {
    Object.defineProperty(Intl, "Segmenter", { value: segmenter, configurable: true, writable: true });
  });

  it("keeps whitespace and punctuation as tokens, and joins back to the text", () => {
    expect(wordTokens("Hello, world!", "en")).toEqual(["Hello", ",", " ", "world", "!"]);
    expect(wordTokens("我们收集您的手机号码。", "zh-CN")).toEqual(["我们", "收集", "您", "的", "手机", "号码", "。"]);
    expect(wordTokens("", "en")).toEqual([]);
  });

  it("still works where Intl.Segmenter is missing (CJK one character at a time)", () => {
    Object.defineProperty(Intl, "Segmenter", { value: undefined, configurable: true, writable: true });
    expect(wordTokens("Hello, world!", "en")).toEqual(["Hello", ",", " ", "world", "!"]);
    expect(wordTokens("手机号码。", "zh-CN")).toEqual(["手", "机", "号", "码", "。"]);
    const parts = diffNoticeText(docOf("我们收集您的手机号码"), docOf("我们收集您的电子邮箱"), "zh-CN");
    expect(parts).toEqual([
      { kind: "same", text: "我们收集您的" },
      { kind: "removed", text: "手机号码" },
      { kind: "added", text: "电子邮箱" },
    ]);
  });
});
