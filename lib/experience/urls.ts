import { z } from "zod";

// Control characters and whitespace have no place in a URL a customer types, and browsers
// strip some of them before reading the scheme ("java\tscript:"), so they are refused outright.
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * A path on the customer's own site. "//host" and "/\host" are excluded: browsers read both as
 * a link to another host.
 */
export function isSitePath(value: string): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !UNSAFE_CHARACTERS.test(value);
}

function hasScheme(value: string, schemes: readonly string[]): boolean {
  if (UNSAFE_CHARACTERS.test(value)) return false;
  const url = parsedUrl(value);
  if (url === null || !schemes.includes(url.protocol)) return false;
  if (url.protocol === "mailto:" || url.protocol === "tel:") return true;
  // Parsers repair "https:host" into "https://host/"; written that way it is a typo, not a link.
  return /^https?:\/\/[^/]/i.test(value) && url.hostname.length > 0;
}

export function isWebUrl(value: string): boolean {
  return hasScheme(value, ["https:", "http:"]);
}

/** Hrefs allowed inside rich text: web, e-mail and phone links; never javascript:, data:, etc. */
export function isRichTextHref(value: string): boolean {
  return hasScheme(value, ["https:", "http:", "mailto:", "tel:"]);
}

/**
 * Link block target. Empty is allowed so a draft link can exist before its address is known;
 * publishing reports it (`missing_url`).
 */
export const linkHrefSchema = z
  .string()
  .max(2000)
  .refine((value) => value === "" || isWebUrl(value) || isSitePath(value), {
    message: "Use an http(s) address or a path starting with /",
  });

/** Image and logo sources: https only, because an http image on an https page is blocked. */
export const assetSrcSchema = z
  .string()
  .max(2000)
  .refine((value) => value === "" || hasScheme(value, ["https:"]) || isSitePath(value), {
    message: "Use an https address or a path starting with /",
  });
