import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { isRichTextHref } from "../experience/urls";
import { BENIGN_HTML, decodeEntitiesForCheck, EXPECTED_ALLOWED_MARKUP, HOSTILE_HTML, markupProblems } from "./hostile-fixtures";
import { LINK_REL, NOTICE_ALLOWED_ATTRIBUTES, NOTICE_ALLOWED_TAGS, sanitizeNoticeHtml } from "./sanitize";

// A DOM to read the output the way an HTML parser does (scripts off): the structural check.
const window = new Window({
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
});
afterAll(async () => {
  await window.happyDOM.close();
});

/** Problems found by parsing `html` into a DOM: tags, attributes and link schemes. */
function domProblems(html: string): string[] {
  const container = window.document.createElement("div");
  container.innerHTML = html;
  const problems: string[] = [];
  for (const element of Array.from(container.querySelectorAll("*"))) {
    const tag = element.localName;
    const allowed = EXPECTED_ALLOWED_MARKUP[tag];
    if (allowed === undefined) {
      problems.push(`element <${tag}>`);
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      if (!allowed.includes(attribute.name)) problems.push(`attribute ${attribute.name} on <${tag}>`);
    }
    if (tag === "a") {
      const href = element.getAttribute("href");
      if (href === null || !isRichTextHref(href)) problems.push(`link to ${JSON.stringify(href)}`);
      if (element.getAttribute("rel") !== LINK_REL) problems.push(`link without rel: ${element.outerHTML}`);
      const web = href !== null && /^https?:/i.test(href);
      if ((element.getAttribute("target") === "_blank") !== web) problems.push(`target on ${element.outerHTML}`);
    }
  }
  return problems;
}

describe("sanitizeNoticeHtml: the allow-list", () => {
  it("keeps exactly the agreed tags and attributes (and the copy the tests check against agrees)", () => {
    expect([...NOTICE_ALLOWED_TAGS].sort()).toEqual(Object.keys(EXPECTED_ALLOWED_MARKUP).sort());
    for (const [tag, attributes] of Object.entries(EXPECTED_ALLOWED_MARKUP)) {
      expect([...(NOTICE_ALLOWED_ATTRIBUTES[tag] ?? [])].sort(), tag).toEqual([...attributes].sort());
    }
  });

  it.each(BENIGN_HTML)("benign notice survives exactly: $name", ({ html, expected }) => {
    expect(sanitizeNoticeHtml(html)).toBe(expected);
    expect(markupProblems(expected)).toEqual([]);
    expect(domProblems(expected)).toEqual([]);
  });

  it("keeps every allowed tag", () => {
    const html =
      "<h2>a</h2><h3>b</h3><h4>c</h4><p><strong>d</strong><em>e</em><u>f</u><br />g</p><ul><li>h</li></ul><ol><li>i</li></ol>" +
      "<table><thead><tr><th>j</th></tr></thead><tbody><tr><td>k</td></tr></tbody></table>";
    expect(sanitizeNoticeHtml(html)).toBe(html);
  });

  it("returns an empty string for empty input, and plain text escaped", () => {
    expect(sanitizeNoticeHtml("")).toBe("");
    expect(sanitizeNoticeHtml("Tom & Jerry <3")).toBe("Tom &amp; Jerry &lt;3");
  });

  it.each([
    ["https://example.com/a?b=1", `<a href="https://example.com/a?b=1" rel="${LINK_REL}" target="_blank">x</a>`],
    ["HTTP://EXAMPLE.COM/", `<a href="HTTP://EXAMPLE.COM/" rel="${LINK_REL}" target="_blank">x</a>`],
    ["mailto:dpo@example.com?subject=Access%20request", `<a href="mailto:dpo@example.com?subject=Access%20request" rel="${LINK_REL}">x</a>`],
    ["tel:+44-20-7946-0000", `<a href="tel:+44-20-7946-0000" rel="${LINK_REL}">x</a>`],
    ["  https://example.com/trimmed\n", `<a href="https://example.com/trimmed" rel="${LINK_REL}" target="_blank">x</a>`],
  ])("keeps a link to %j, with rel (and target for web links)", (href, expected) => {
    expect(sanitizeNoticeHtml(`<a href="${href}" target="_self" rel="opener" title="t">x</a>`)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    "ftp://example.com/",
    "sms:+123",
    "file:///etc/passwd",
    "//example.com/",
    "/relative",
    "relative",
    "#fragment",
    "https:example.com",
    "https://exa mple.com/",
    "http://",
    "",
    "blob:https://example.com/x",
    "intent://x#Intent;end",
  ])("unwraps a link to %j, keeping its text", (href) => {
    expect(sanitizeNoticeHtml(`<p><a href="${href}">text</a></p>`)).toBe("<p>text</p>");
  });

  it("unwraps a link without href", () => {
    expect(sanitizeNoticeHtml(`<a name="x">anchor</a>`)).toBe("anchor");
  });

  it("keeps only numeric ol[start], numeric colspan/rowspan and the four th[scope] keywords", () => {
    expect(sanitizeNoticeHtml(`<ol start="5" type="a" reversed><li>x</li></ol>`)).toBe(`<ol start="5"><li>x</li></ol>`);
    expect(sanitizeNoticeHtml(`<ol start="1"><li>x</li></ol>`)).toBe(`<ol><li>x</li></ol>`);
    expect(sanitizeNoticeHtml(`<ol start="-2"><li>x</li></ol><ol start="2x"><li>y</li></ol>`)).toBe(`<ol><li>x</li></ol><ol><li>y</li></ol>`);
    expect(sanitizeNoticeHtml(`<table><tr><th scope="Col" colspan="3" rowspan="0" headers="h">h</th><td scope="row" colspan="2" width="9">d</td></tr></table>`)).toBe(
      `<table><tr><th colspan="3" scope="col">h</th><td colspan="2">d</td></tr></table>`,
    );
  });

  it("drops unknown harmless tags but keeps their text", () => {
    expect(sanitizeNoticeHtml(`<div><span>one</span> <b>two</b> <i>three</i> <font color="red">four</font> <h1>five</h1> <blockquote>six</blockquote></div>`)).toBe(
      "one two three four five six",
    );
  });

  it("drops script, style and other non-text containers together with their content", () => {
    const html = `<p>keep</p><script>s()</script><style>p{}</style><template>t</template><noscript>n</noscript><iframe>i</iframe><svg><text>v</text></svg><math><mi>m</mi></math><select><option>o</option></select><textarea>a</textarea><title>ti</title><object>ob</object>`;
    expect(sanitizeNoticeHtml(html)).toBe("<p>keep</p>");
  });

  it("drops class, id, style, data-*, aria and title attributes from allowed tags", () => {
    expect(sanitizeNoticeHtml(`<p class="c" id="i" style="color:red" data-x="y" aria-hidden="true" title="t" lang="fr" dir="rtl">x</p>`)).toBe("<p>x</p>");
  });

  it("drops comments, CDATA and processing instructions", () => {
    expect(sanitizeNoticeHtml(`<!-- c --><p>a</p><![CDATA[ d ]]><?php echo 1 ?><!DOCTYPE html>`)).toBe("<p>a</p>");
  });

  it("is deterministic and idempotent", () => {
    for (const { html } of [...HOSTILE_HTML, ...BENIGN_HTML]) {
      const once = sanitizeNoticeHtml(html);
      expect(sanitizeNoticeHtml(html)).toBe(once);
      expect(sanitizeNoticeHtml(once)).toBe(once);
    }
  });
});

describe("sanitizeNoticeHtml: hostile input", () => {
  it("has at least 30 hostile payloads, each with a distinct name", () => {
    expect(HOSTILE_HTML.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HOSTILE_HTML.map((payload) => payload.name)).size).toBe(HOSTILE_HTML.length);
  });

  it("the string checks catch the raw payloads (so they are not vacuous)", () => {
    const caught = HOSTILE_HTML.filter(({ html }) => markupProblems(html).length > 0 || domProblems(html).length > 0);
    // "escaped markup stays text" is the one payload that is already harmless as written.
    expect(HOSTILE_HTML.filter((payload) => !caught.includes(payload)).map((payload) => payload.name)).toEqual(["escaped markup stays text"]);
  });

  it.each(HOSTILE_HTML)("neutralizes: $name", ({ html }) => {
    const output = sanitizeNoticeHtml(html);
    expect(output).not.toMatch(/<script/i);
    // Every `<` in the output starts an allowed tag; these checks look only at markup.
    expect(markupProblems(output)).toEqual([]);
    expect(domProblems(output)).toEqual([]);
    for (const tag of output.match(/<[^>]*>/g) ?? []) {
      expect(tag).not.toMatch(/\bon\w+\s*=/i);
      expect(decodeEntitiesForCheck(tag).replace(/[\u0000-\u0020]/g, "")).not.toMatch(/(javascript|vbscript|data):/i);
    }
    // The payloads carry no scheme in their text, so none may appear anywhere once decoded.
    expect(decodeEntitiesForCheck(output).replace(/[\u0000-\u0020]/g, "")).not.toMatch(/(javascript|vbscript|data):/i);
  });

  it("keeps the words of a link it unwraps and of harmless wrappers around hostile parts", () => {
    expect(sanitizeNoticeHtml(`<p>Read <a href="jav&#x09;ascript:alert(1)">the policy</a> now.</p>`)).toBe("<p>Read the policy now.</p>");
    expect(sanitizeNoticeHtml(`<form action="javascript:alert(1)"><button>Submit</button></form>`)).toBe("Submit");
  });

  it("keeps a safe link but drops its handlers", () => {
    expect(sanitizeNoticeHtml(`<a href=" https://ok.example" onclick="alert(1)">ok</a>`)).toBe(`<a href="https://ok.example" rel="${LINK_REL}" target="_blank">ok</a>`);
  });

  it("escapes markup that was escaped in the input, instead of reviving it", () => {
    expect(sanitizeNoticeHtml(`<p>&lt;img src=x onerror=alert(1)&gt;</p>`)).toBe(`<p>&lt;img src=x onerror=alert(1)&gt;</p>`);
  });

  it("limits nesting depth without losing text", () => {
    const deep = `${"<ul><li>".repeat(300)}deep${"</li></ul>".repeat(300)}`;
    const output = sanitizeNoticeHtml(deep);
    expect(output).toContain("deep");
    expect((output.match(/<ul>/g) ?? []).length).toBeLessThanOrEqual(50);
    expect(markupProblems(output)).toEqual([]);
  });
});
