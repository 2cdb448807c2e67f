import sanitizeHtml from "sanitize-html";
import { isRichTextHref } from "../experience/urls";

/**
 * The last gate before a notice's HTML reaches `dangerouslySetInnerHTML` (the renderer's
 * NoticeView). An ALLOW-LIST built on `sanitize-html` (htmlparser2 underneath): nothing here
 * parses HTML by hand.
 *
 * What survives:
 * - tags: p, br, h2, h3, h4, ul, ol, li, strong, em, u, a, and table, thead, tbody, tr, th, td
 *   (no editor produces tables yet; legal may paste them later);
 * - attributes: a[href] (https, http, mailto, tel only), ol[start] (a number),
 *   th[colspan|rowspan|scope], td[colspan|rowspan] (numbers, and the four scope keywords);
 * - every link gets rel="noopener noreferrer nofollow", and web links target="_blank".
 *
 * Everything else is dropped: every other tag, every other attribute (on*, style, class, id,
 * data-*, title, target/rel as written, ...), comments, CDATA and processing instructions.
 *
 * Disallowed tags: the tag always goes. Its text stays (escaped) for unknown but harmless tags
 * such as <span>, <div>, <b> or <font>, so a pasted notice loses formatting, never words.
 * For the tags in {@link DROPPED_WITH_CONTENT} the content goes too: it is code (script,
 * style), a fallback for something that is not shown (noscript, iframe, object), a foreign
 * language with its own parsing rules (svg, math: the usual mutation-XSS vehicles), or form
 * furniture whose text is not prose (select, option, textarea).
 *
 * A link whose address is not safe is unwrapped: its text stays, the <a> goes, so no link in
 * the output points anywhere but an allowed scheme. The address must pass sanitize-html's
 * scheme check AND the document's own `isRichTextHref` (no whitespace or control characters
 * inside, no protocol-relative or scheme-less address), after entities are decoded and the
 * leading/trailing spaces and control characters browsers ignore are trimmed.
 *
 * Pure and deterministic: the same input gives the same output, in plain Node, in the Next.js
 * server and in a browser.
 */

export const NOTICE_ALLOWED_TAGS = [
  "p",
  "br",
  "h2",
  "h3",
  "h4",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "u",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
] as const;

/** Attributes that can survive, per tag. `rel` and `target` on links are set by us, never kept. */
export const NOTICE_ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "rel", "target"],
  ol: ["start"],
  th: ["colspan", "rowspan", "scope"],
  td: ["colspan", "rowspan"],
};

export const NOTICE_ALLOWED_SCHEMES = ["https", "http", "mailto", "tel"] as const;

/** Disallowed tags whose content is dropped along with them (see the module comment). */
export const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "frame",
  "frameset",
  "object",
  "applet",
  "embed",
  "svg",
  "math",
  "canvas",
  "video",
  "audio",
  "picture",
  "select",
  "option",
  "optgroup",
  "datalist",
  "textarea",
  "xmp",
  "plaintext",
  "title",
  "head",
] as const;

export const LINK_REL = "noopener noreferrer nofollow";

/** Deeper nesting than this is not a legal notice; the extra tags go, their text stays. */
const NESTING_LIMIT = 100;

// A tag name no allow-list contains: renaming a link to it unwraps the link (text kept).
const UNWRAPPED = "csy-unwrapped-link";

// Browsers drop C0 controls and spaces around a URL before reading it; so do we, then refuse
// any that remain inside (isRichTextHref).
const URL_EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

function safeHref(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const href = raw.replace(URL_EDGE_JUNK, "");
  return isRichTextHref(href) ? href : null;
}

function isWebHref(href: string): boolean {
  return /^https?:/i.test(href);
}

function positiveInteger(value: string | undefined, max: number): string | null {
  if (value === undefined || !/^\s*\d{1,6}\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? String(n) : null;
}

const SCOPES = new Set(["row", "col", "rowgroup", "colgroup"]);

function cellAttributes(attribs: sanitizeHtml.Attributes, withScope: boolean): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  const colspan = positiveInteger(attribs.colspan, 1000);
  const rowspan = positiveInteger(attribs.rowspan, 65534);
  if (colspan !== null) out.colspan = colspan;
  if (rowspan !== null) out.rowspan = rowspan;
  const scope = attribs.scope?.trim().toLowerCase();
  if (withScope && scope !== undefined && SCOPES.has(scope)) out.scope = scope;
  return out;
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...NOTICE_ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(NOTICE_ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: [...NOTICE_ALLOWED_SCHEMES],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "action", "formaction", "data", "xlink:href", "poster", "background", "ping"],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nonTextTags: [...DROPPED_WITH_CONTENT],
  nestingLimit: NESTING_LIMIT,
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  // Every kept tag has its attributes rebuilt from scratch: only values we understand survive.
  transformTags: {
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = safeHref(attribs.href);
      if (href === null) return { tagName: UNWRAPPED, attribs: {} };
      const kept: sanitizeHtml.Attributes = { href, rel: LINK_REL };
      if (isWebHref(href)) kept.target = "_blank";
      return { tagName: "a", attribs: kept };
    },
    ol: (tagName, attribs): sanitizeHtml.Tag => {
      const start = positiveInteger(attribs.start, 1_000_000);
      // 1 is the default: leaving it out gives the same markup tiptap writes.
      const kept: sanitizeHtml.Attributes = {};
      if (start !== null && start !== "1") kept.start = start;
      return { tagName, attribs: kept };
    },
    th: (tagName, attribs) => ({ tagName, attribs: cellAttributes(attribs, true) }),
    td: (tagName, attribs) => ({ tagName, attribs: cellAttributes(attribs, false) }),
  },
};

/** Sanitizes notice HTML to the allow-list above. See the module comment for the rules. */
export function sanitizeNoticeHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
