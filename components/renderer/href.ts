/*
 * Link checks repeated at render time. The schema already refuses unsafe hrefs, but the
 * renderer also draws drafts, documents from older schema versions and whatever a caller
 * passes, so it never trusts a stored href to be safe. Kept here rather than imported from
 * lib/experience/urls.ts, whose module builds zod schemas the embed script must not carry.
 */

// Browsers drop some of these before reading the scheme ("java\tscript:"), so any is refused.
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;

const RICH_TEXT_SCHEMES = ["https:", "http:", "mailto:", "tel:"];
const WEB_SCHEMES = ["https:", "http:"];

function withScheme(href: string, schemes: readonly string[]): string | null {
  if (UNSAFE_CHARACTERS.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!schemes.includes(url.protocol)) return null;
  if (url.protocol !== "mailto:" && url.protocol !== "tel:" && url.hostname === "") return null;
  return href;
}

/** A rich-text link: http(s), mailto or tel; null means "draw the text without a link". */
export function safeRichTextHref(href: unknown): string | null {
  return typeof href === "string" ? withScheme(href, RICH_TEXT_SCHEMES) : null;
}

/** A link block: http(s), or a path on the customer's own site ("//host" is another host). */
export function safeLinkHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  if (href.startsWith("/") && !href.startsWith("//") && !UNSAFE_CHARACTERS.test(href)) return href;
  return withScheme(href, WEB_SCHEMES);
}

/** An image source: https, or a path on the customer's site (http images are blocked on https pages). */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== "string") return null;
  if (src.startsWith("/") && !src.startsWith("//") && !UNSAFE_CHARACTERS.test(src)) return src;
  return withScheme(src, ["https:"]);
}

/** Web links leave the experience and open in a new tab; mailto/tel and site paths do not. */
export function opensNewTab(href: string): boolean {
  return href.startsWith("http:") || href.startsWith("https:");
}
