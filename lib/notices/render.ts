import "server-only";

import type { JSONContent } from "@tiptap/core";
// The server entry, named explicitly: it serializes through a private happy-dom window, where the
// package's bare entry would pick its browser build under some bundler conditions and throw.
import { generateHTML } from "@tiptap/html/server";
import type { Locale } from "../experience/localized";
import { plainTextOf, richTextDocSchema, type RichTextDoc } from "../experience/rich-text";
import { RICH_TEXT_EXTENSIONS } from "@/lib/rich-text/extensions";
import { sanitizeNoticeHtml } from "./sanitize";

/**
 * Legal notices: tiptap JSON (the restricted `RichTextDoc`) → HTML, rendered once by the server
 * when a version is approved and shown by the renderer as is (NoticeView).
 *
 * Two layers, so neither has to be perfect:
 * 1. the document is parsed by `richTextDocSchema` and rendered with exactly the extensions the
 *    editor uses (`RICH_TEXT_EXTENSIONS`); a document that does not parse (it bypassed the schema:
 *    an old row, a bug, a hand-made request) is first reduced to the node and mark types the
 *    editor knows, with unknown attributes dropped and the text of unknown nodes kept as text;
 * 2. the HTML is ALWAYS passed through `sanitizeNoticeHtml`, the allow-list that decides what
 *    reaches the browser.
 *
 * Server-only: tiptap's server renderer brings happy-dom, which must never reach client code.
 */

/** Renders a notice to sanitized HTML. Never throws for a malformed document; never returns unsafe HTML. */
export function renderNoticeHtml(doc: RichTextDoc): string {
  const parsed = richTextDocSchema.safeParse(doc);
  const content: JSONContent = parsed.success ? parsed.data : tolerantDoc(doc);
  let html: string;
  try {
    html = generateHTML(content, RICH_TEXT_EXTENSIONS);
  } catch {
    // Only a document tolerantDoc could not repair gets here: keep its words, nothing else.
    html = generateHTML(plainParagraphs(textOf(doc)), RICH_TEXT_EXTENSIONS);
  }
  return sanitizeNoticeHtml(html);
}

/**
 * The notice in `locale`, else in `fallback`, else "", like `textFor`: a missing or empty
 * translation (no text, e.g. the empty editor's one paragraph) falls back. Never to some other
 * language on its own: the caller names the fallback, usually the document's default locale.
 */
export function renderNoticeContent(content: Partial<Record<Locale, RichTextDoc>>, locale: Locale, fallback?: Locale): string {
  const hasText = (doc: RichTextDoc | undefined): doc is RichTextDoc => doc !== undefined && plainTextOf(doc).trim().length > 0;
  const own = content[locale];
  if (hasText(own)) return renderNoticeHtml(own);
  const other = fallback === undefined ? undefined : content[fallback];
  return hasText(other) ? renderNoticeHtml(other) : "";
}

// ---------------------------------------------------------------------------------------------
// Repairing documents that bypassed the schema. Output uses only the editor's node and mark
// types with their own attributes, so generateHTML cannot fail on an unknown type; hrefs are
// kept as written (the link extension and then the sanitizer refuse unsafe ones).

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function childrenOf(node: Json): unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

/** All the text under a node, in document order (unknown nodes included). */
function textOf(node: unknown, depth = 0): string {
  if (depth > 50) return "";
  if (!isObject(node)) return "";
  if (node.type === "text") return typeof node.text === "string" ? node.text : "";
  if (node.type === "hardBreak") return "\n";
  const parts = childrenOf(node).map((child) => textOf(child, depth + 1));
  const blocky = childrenOf(node).some((child) => isObject(child) && child.type !== "text" && child.type !== "hardBreak");
  return parts.join(blocky ? "\n" : "");
}

function plainParagraphs(text: string): JSONContent {
  return {
    type: "doc",
    content: text.split("\n").map((line) => (line === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text: line }] })),
  };
}

function tolerantMarks(marks: unknown): JSONContent["marks"] {
  if (!Array.isArray(marks)) return undefined;
  const kept: NonNullable<JSONContent["marks"]> = [];
  for (const mark of marks) {
    if (!isObject(mark)) continue;
    if (mark.type === "bold" || mark.type === "italic" || mark.type === "underline") kept.push({ type: mark.type });
    else if (mark.type === "link" && isObject(mark.attrs) && typeof mark.attrs.href === "string") kept.push({ type: "link", attrs: { href: mark.attrs.href } });
  }
  return kept.length > 0 ? kept : undefined;
}

function tolerantInline(nodes: unknown[], depth: number): JSONContent[] {
  const out: JSONContent[] = [];
  for (const node of nodes) {
    if (!isObject(node)) continue;
    if (node.type === "hardBreak") out.push({ type: "hardBreak" });
    else if (node.type === "text") {
      if (typeof node.text === "string" && node.text !== "") {
        const marks = tolerantMarks(node.marks);
        out.push(marks ? { type: "text", text: node.text, marks } : { type: "text", text: node.text });
      }
    } else {
      const text = textOf(node, depth + 1).replace(/\n/g, " ");
      if (text !== "") out.push({ type: "text", text });
    }
  }
  return out;
}

function paragraph(inline: JSONContent[]): JSONContent {
  return inline.length > 0 ? { type: "paragraph", content: inline } : { type: "paragraph" };
}

function tolerantListItem(node: unknown, depth: number): JSONContent {
  if (!isObject(node) || node.type !== "listItem") return { type: "listItem", content: [paragraph(tolerantInline([node], depth))] };
  const blocks = childrenOf(node).flatMap((child) => tolerantBlock(child, depth + 1));
  // The editor's list item starts with a paragraph.
  if (blocks[0]?.type !== "paragraph") blocks.unshift({ type: "paragraph" });
  return { type: "listItem", content: blocks };
}

function tolerantBlock(node: unknown, depth: number): JSONContent[] {
  if (!isObject(node) || depth > 20) return [];
  switch (node.type) {
    case "paragraph":
      return [paragraph(tolerantInline(childrenOf(node), depth))];
    case "heading": {
      const raw = isObject(node.attrs) ? node.attrs.level : undefined;
      const level = raw === 3 || raw === 4 ? raw : 2;
      const inline = tolerantInline(childrenOf(node), depth);
      return [inline.length > 0 ? { type: "heading", attrs: { level }, content: inline } : { type: "heading", attrs: { level } }];
    }
    case "bulletList":
    case "orderedList": {
      const items = childrenOf(node).map((item) => tolerantListItem(item, depth + 1));
      if (items.length === 0) return [];
      const start = isObject(node.attrs) ? node.attrs.start : undefined;
      return node.type === "orderedList" && Number.isInteger(start) && (start as number) >= 1 && (start as number) <= 1_000_000
        ? [{ type: "orderedList", attrs: { start }, content: items }]
        : [{ type: node.type, content: items }];
    }
    case "text":
    case "hardBreak":
      return [paragraph(tolerantInline([node], depth))];
    default: {
      // Unknown block: its words survive as a plain paragraph per line.
      const text = textOf(node, depth);
      return text === "" ? [] : text.split("\n").map((line) => paragraph(line === "" ? [] : [{ type: "text", text: line }]));
    }
  }
}

function tolerantDoc(doc: unknown): JSONContent {
  const blocks = isObject(doc) ? childrenOf(doc).flatMap((node) => tolerantBlock(node, 0)) : [];
  return { type: "doc", content: blocks.length > 0 ? blocks : [{ type: "paragraph" }] };
}
