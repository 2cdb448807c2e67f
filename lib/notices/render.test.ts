import { getSchema, type Extensions } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { richTextDocSchema, richTextFromParagraphs, type RichTextDoc } from "../experience/rich-text";
import { HOSTILE_DOCS, HOSTILE_HTML, markupProblems } from "./hostile-fixtures";
import { RICH_TEXT_EXTENSIONS } from "@/lib/rich-text/extensions";
import { renderNoticeContent, renderNoticeHtml } from "./render";
import { LINK_REL, sanitizeNoticeHtml } from "./sanitize";

const text = (value: string, marks?: unknown[]) => ({ type: "text" as const, text: value, ...(marks ? { marks } : {}) });

/** Parses like the editor's output would be before it is stored. */
function doc(value: unknown): RichTextDoc {
  return richTextDocSchema.parse(value);
}

const NOTICE = doc({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Privacy notice")] },
    {
      type: "paragraph",
      content: [
        text("We process "),
        text("your", [{ type: "bold" }]),
        text(" data "),
        text("lawfully", [{ type: "italic" }]),
        text(" and "),
        text("fairly", [{ type: "underline" }]),
        text(".", []),
        { type: "hardBreak" },
        text("See "),
        text("our policy", [{ type: "link", attrs: { href: "https://example.com/privacy" } }]),
        text(" or "),
        text("write to us", [{ type: "link", attrs: { href: "mailto:dpo@example.com" } }]),
        text("."),
      ],
    },
    { type: "heading", attrs: { level: 3 }, content: [text("What we collect")] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [text("Name")] }] },
        { type: "listItem", content: [{ type: "paragraph", content: [text("Email", [{ type: "bold" }, { type: "italic" }])] }] },
      ],
    },
    { type: "heading", attrs: { level: 4 }, content: [text("Your rights")] },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("Access")] }, { type: "paragraph", content: [text("within a month")] }] }],
    },
    { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("Erasure")] }] }] },
    { type: "paragraph" },
  ],
});

const NOTICE_HTML =
  `<h2>Privacy notice</h2>` +
  `<p>We process <strong>your</strong> data <em>lawfully</em> and <u>fairly</u>.<br />See ` +
  `<a href="https://example.com/privacy" rel="${LINK_REL}" target="_blank">our policy</a> or ` +
  `<a href="mailto:dpo@example.com" rel="${LINK_REL}">write to us</a>.</p>` +
  `<h3>What we collect</h3>` +
  `<ul><li><p>Name</p></li><li><p><strong><em>Email</em></strong></p></li></ul>` +
  `<h4>Your rights</h4>` +
  `<ol start="3"><li><p>Access</p><p>within a month</p></li></ol>` +
  `<ol><li><p>Erasure</p></li></ol>` +
  `<p></p>`;

describe("renderNoticeHtml: normal notices", () => {
  it("renders headings, lists, marks and links as the editor shows them", () => {
    expect(renderNoticeHtml(NOTICE)).toBe(NOTICE_HTML);
  });

  it("gives every link rel, and web links target=_blank", () => {
    const html = renderNoticeHtml(
      doc({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              text("web", [{ type: "link", attrs: { href: "http://example.org/a?b=1&c=2" } }]),
              text(" phone", [{ type: "link", attrs: { href: "tel:+861012345678" } }, { type: "bold" }]),
            ],
          },
        ],
      }),
    );
    expect(html).toBe(
      `<p><a href="http://example.org/a?b=1&amp;c=2" rel="${LINK_REL}" target="_blank">web</a>` +
        `<a href="tel:+861012345678" rel="${LINK_REL}"><strong> phone</strong></a></p>`,
    );
  });

  it("renders plain paragraphs (templates, migrations) and the empty editor", () => {
    expect(renderNoticeHtml(richTextFromParagraphs(["我们收集您的手机号码。", "", "Second & last"]))).toBe("<p>我们收集您的手机号码。</p><p></p><p>Second &amp; last</p>");
    expect(renderNoticeHtml({ type: "doc", content: [{ type: "paragraph" }] })).toBe("<p></p>");
    expect(renderNoticeHtml({ type: "doc", content: [] })).toBe("");
  });

  it("escapes text that looks like markup", () => {
    expect(renderNoticeHtml(richTextFromParagraphs(["a < b > c & \"d\" 'e'"]))).toBe(`<p>a &lt; b &gt; c &amp; "d" 'e'</p>`);
  });

  it("is stable under the sanitizer (nothing the editor makes is stripped twice)", () => {
    const html = renderNoticeHtml(NOTICE);
    expect(sanitizeNoticeHtml(html)).toBe(html);
    expect(markupProblems(html)).toEqual([]);
  });
});

describe("renderNoticeHtml: hostile documents, most of which bypassed the schema", () => {
  it.each(HOSTILE_DOCS)("renders safely: $name", ({ doc: hostile }) => {
    const html = renderNoticeHtml(hostile as RichTextDoc);
    expect(markupProblems(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/\bon\w+\s*=|javascript:|vbscript:|data:/i);
  });

  it("drops a link mark with an unsafe href but keeps its text", () => {
    const hostile = { type: "doc", content: [{ type: "paragraph", content: [text("Read "), text("this", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])] }] };
    expect(renderNoticeHtml(hostile as RichTextDoc)).toBe("<p>Read this</p>");
  });

  it("escapes text containing markup: it stays text", () => {
    expect(renderNoticeHtml(HOSTILE_DOCS.find((d) => d.name === "text containing a script element")!.doc as RichTextDoc)).toBe(
      "<p>&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>",
    );
  });

  it("keeps the words of unknown nodes, drops their attributes", () => {
    expect(renderNoticeHtml(HOSTILE_DOCS.find((d) => d.name === "unknown node types")!.doc as RichTextDoc)).toBe("<p>kept words</p><p>para</p>");
    expect(renderNoticeHtml(HOSTILE_DOCS.find((d) => d.name === "attributes with handlers on known nodes")!.doc as RichTextDoc)).toBe(
      "<p>p</p><h2>h</h2><ol><li><p>li</p></li></ol>",
    );
    expect(renderNoticeHtml(HOSTILE_DOCS.find((d) => d.name === "link mark with extra attributes")!.doc as RichTextDoc)).toBe(
      `<p><a href="https://ok.example/" rel="${LINK_REL}" target="_blank">ok</a></p>`,
    );
  });

  it("never throws, whatever it is given", () => {
    for (const junk of [null, undefined, 42, "doc", [], {}, { type: "doc" }, { type: "doc", content: "x" }, { type: "doc", content: [null, 1, "s", [], { type: 7 }] }]) {
      expect(() => renderNoticeHtml(junk as unknown as RichTextDoc)).not.toThrow();
    }
    const deep: Record<string, unknown> = { type: "paragraph", content: [text("bottom")] };
    let node = deep;
    for (let i = 0; i < 500; i++) node = { type: "bulletList", content: [{ type: "listItem", content: [node] }] };
    const html = renderNoticeHtml({ type: "doc", content: [node] } as unknown as RichTextDoc);
    expect(markupProblems(html)).toEqual([]);
  });

  it("renders every hostile HTML payload, typed into the editor as text, as escaped text", () => {
    const html = renderNoticeHtml(richTextFromParagraphs(HOSTILE_HTML.map((payload) => payload.html)));
    expect(markupProblems(html)).toEqual([]);
    expect((html.match(/<p>/g) ?? []).length).toBe(HOSTILE_HTML.length);
  });
});

describe("renderNoticeContent", () => {
  const content = { en: richTextFromParagraphs(["Hello"]), "zh-CN": richTextFromParagraphs(["你好"]) };

  it("renders the requested locale", () => {
    expect(renderNoticeContent(content, "zh-CN")).toBe("<p>你好</p>");
  });

  it("falls back only to the named locale, else renders nothing", () => {
    expect(renderNoticeContent(content, "zh-TW", "en")).toBe("<p>Hello</p>");
    expect(renderNoticeContent(content, "zh-TW")).toBe("");
    expect(renderNoticeContent(content, "ja", "fr")).toBe("");
  });

  it("treats an empty translation as missing", () => {
    const withEmpty = { ...content, "zh-TW": { type: "doc" as const, content: [{ type: "paragraph" as const }] }, ja: richTextFromParagraphs(["  "]) };
    expect(renderNoticeContent(withEmpty, "zh-TW", "en")).toBe("<p>Hello</p>");
    expect(renderNoticeContent(withEmpty, "ja", "zh-CN")).toBe("<p>你好</p>");
    expect(renderNoticeContent(withEmpty, "zh-TW")).toBe("");
  });
});

describe("RICH_TEXT_EXTENSIONS (shared by the editor and server rendering)", () => {
  /** Node and mark types with their attributes and content expressions: what rendering depends on. */
  function shape(extensions: Extensions) {
    const schema = getSchema(extensions);
    const attrs = (spec: { attrs?: Record<string, unknown> }) => Object.keys(spec.attrs ?? {}).sort();
    return {
      nodes: Object.fromEntries(Object.entries(schema.nodes).map(([name, type]) => [name, { content: type.spec.content ?? "", attrs: attrs(type.spec) }])),
      marks: Object.fromEntries(Object.entries(schema.marks).map(([name, type]) => [name, attrs(type.spec)])),
    };
  }

  it("hold exactly the node and mark types the stored rich-text schema allows", () => {
    const { nodes, marks } = shape(RICH_TEXT_EXTENSIONS);
    expect(Object.keys(marks).sort()).toEqual(["bold", "italic", "link", "underline"]);
    expect(Object.keys(nodes).sort()).toEqual(["bulletList", "doc", "hardBreak", "heading", "listItem", "orderedList", "paragraph", "text"]);
  });
});
