import { describe, expect, it } from "vitest";
import { emptyRichTextDoc, plainTextOf, richTextDocSchema, richTextFromParagraphs, type RichTextDoc } from "./rich-text";

const linkDoc = (href: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "policy", marks: [{ type: "link", attrs: { href } }] }] }],
});

const FULL: RichTextDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Who we are" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Read our " },
        { type: "text", text: "policy", marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://example.com/privacy" } }] },
        { type: "hardBreak" },
        { type: "text", text: "Call us", marks: [{ type: "italic" }, { type: "underline" }] },
      ],
    },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }] },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Two" }] }] }],
    },
  ],
};

describe("richTextDocSchema", () => {
  it("parses the allowed subset unchanged", () => {
    expect(richTextDocSchema.parse(FULL)).toEqual(FULL);
    expect(richTextDocSchema.parse(emptyRichTextDoc())).toEqual(emptyRichTextDoc());
  });

  it.each(["https://example.com", "http://example.com", "mailto:dpo@example.com", "tel:+861012345678"])("allows link %s", (href) => {
    expect(richTextDocSchema.safeParse(linkDoc(href)).success).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:x",
    "file:///etc/passwd",
    "/relative",
    "",
  ])("rejects link %j", (href) => {
    expect(richTextDocSchema.safeParse(linkDoc(href)).success).toBe(false);
  });

  it.each([
    ["an image node", { type: "doc", content: [{ type: "image", attrs: { src: "https://x" } }] }],
    ["an unknown mark", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }] }] }] }],
    ["a level-1 heading", { type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [] }] }],
    ["an empty text node", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }] }],
    ["a nested list", {
      type: "doc",
      content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "bulletList", content: [] }] }] }],
    }],
    ["text directly in the doc", { type: "doc", content: [{ type: "text", text: "x" }] }],
    ["an empty list", { type: "doc", content: [{ type: "bulletList", content: [] }] }],
  ])("rejects %s", (_case, doc) => {
    expect(richTextDocSchema.safeParse(doc).success).toBe(false);
  });

  it("drops attributes the renderer does not honour (target, class)", () => {
    const parsed = richTextDocSchema.parse({
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { class: "x" },
          content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: "https://a.example", target: "_blank", class: "c" } }] }],
        },
      ],
    });
    expect(parsed).toEqual(linkDocWith("a", "https://a.example"));
  });
});

function linkDocWith(text: string, href: string): RichTextDoc {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text, marks: [{ type: "link", attrs: { href } }] }] }] };
}

describe("plainTextOf", () => {
  it("gives one line per paragraph, heading and list item, hard breaks as newlines", () => {
    expect(plainTextOf(FULL)).toBe("Who we are\nRead our policy\nCall us\nOne\nTwo");
  });

  it("is empty for an empty editor", () => {
    expect(plainTextOf(emptyRichTextDoc())).toBe("");
    expect(plainTextOf(richTextFromParagraphs([""]))).toBe("");
  });
});
