import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { safeImageSrc, safeLinkHref, safeRichTextHref } from "./href";
import { RichText, type RichTextDoc } from "./rich-text";

const options = { newTabHint: "(opens in a new tab)", alwaysNewTab: false };

function linked(href: string): RichTextDoc {
  return {
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }] }],
  };
}

const render = (doc: RichTextDoc, opts = options) => renderToStaticMarkup(<RichText doc={doc} options={opts} />);

describe("rich-text hrefs", () => {
  const unsafe = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "//evil.example",
    "/relative",
    "",
  ];

  it.each(unsafe)("drops %j but keeps the words", (href) => {
    expect(safeRichTextHref(href)).toBeNull();
    const html = render(linked(href));
    expect(html).not.toContain("<a");
    expect(html).not.toMatch(/javascript|data:|vbscript/i);
    expect(html).toContain("click");
  });

  it("opens web links in a new tab without opener or referrer", () => {
    const html = render(linked("https://example.com/a?b=1&c=2"));
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain("(opens in a new tab)");
  });

  it("keeps mailto and tel links in place", () => {
    for (const href of ["mailto:dpo@example.com", "tel:+85212345678"]) {
      const html = render(linked(href));
      expect(html).toContain(`href="${href}"`);
      expect(html).not.toContain("target=");
    }
    expect(render(linked("mailto:dpo@example.com"), { ...options, alwaysNewTab: true })).toContain('target="_blank"');
  });

  it("link blocks and images accept only web addresses and site paths", () => {
    expect(safeLinkHref("/privacy")).toBe("/privacy");
    expect(safeLinkHref("https://example.com")).toBe("https://example.com");
    expect(safeLinkHref("//evil.example")).toBeNull();
    expect(safeLinkHref("/\\evil.example")).toBeNull();
    expect(safeLinkHref("javascript:alert(1)")).toBeNull();
    expect(safeImageSrc("http://example.com/a.png")).toBeNull();
    expect(safeImageSrc("https://example.com/a.png")).toBe("https://example.com/a.png");
  });
});

describe("RichText", () => {
  it("draws the supported nodes and marks as elements, escaping text", () => {
    const doc: RichTextDoc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Who we are" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<script>alert(1)</script>", marks: [{ type: "bold" }, { type: "italic" }, { type: "underline" }] },
            { type: "hardBreak" },
            { type: "text", text: "line two" },
          ],
        },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "three" }] }] }],
        },
      ],
    };
    expect(render(doc)).toBe(
      '<div class="csy-rich"><h3 class="csy-heading csy-h3">Who we are</h3>' +
        "<p><u><em><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong></em></u><br/>line two</p>" +
        "<ul><li><p>one</p></li></ul>" +
        '<ol start="3"><li><p>three</p></li></ol></div>',
    );
  });

  it("puts the link outside other marks, and drops unknown nodes and marks", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "x", marks: [{ type: "link", attrs: { href: "tel:1" } }, { type: "bold" }, { type: "strike" }] },
          ],
        },
        { type: "image", attrs: { src: "https://evil.example/x.png" } },
        { type: "html", content: "<iframe></iframe>" },
      ],
    } as unknown as RichTextDoc;
    expect(render(doc)).toBe('<div class="csy-rich"><p><a href="tel:1"><strong>x</strong></a></p></div>');
  });
});
