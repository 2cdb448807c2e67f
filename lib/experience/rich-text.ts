import { z } from "zod";
import { isRichTextHref } from "./urls";

/**
 * A deliberately small subset of tiptap/ProseMirror JSON. Anything the renderer does not know
 * how to draw safely (images, HTML, iframes, custom nodes, attributes such as `class`/`style`)
 * is not representable: unknown node and mark types fail, unknown keys are dropped.
 */

const boldMarkSchema = z.object({ type: z.literal("bold") });
const italicMarkSchema = z.object({ type: z.literal("italic") });
const underlineMarkSchema = z.object({ type: z.literal("underline") });
const linkMarkSchema = z.object({
  type: z.literal("link"),
  // target/rel are dropped: the renderer decides how links open, not the stored document.
  attrs: z.object({
    href: z.string().max(2000).refine(isRichTextHref, { message: "Links may use https, http, mailto or tel" }),
  }),
});
export const richTextMarkSchema = z.discriminatedUnion("type", [
  boldMarkSchema,
  italicMarkSchema,
  underlineMarkSchema,
  linkMarkSchema,
]);

const textNodeSchema = z.object({
  type: z.literal("text"),
  // ProseMirror never stores empty text nodes; an empty one would be an editor bug.
  text: z.string().min(1).max(2000),
  marks: z.array(richTextMarkSchema).max(4).optional(),
});
const hardBreakSchema = z.object({ type: z.literal("hardBreak") });
export const richTextInlineSchema = z.discriminatedUnion("type", [textNodeSchema, hardBreakSchema]);
export type RichTextInline = z.infer<typeof richTextInlineSchema>;

const inlineContentSchema = z.array(richTextInlineSchema).max(500).optional();

export const richTextParagraphSchema = z.object({ type: z.literal("paragraph"), content: inlineContentSchema });

const headingSchema = z.object({
  type: z.literal("heading"),
  // Level 1 is the experience's own heading block; notices start below it.
  attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlineContentSchema,
});

const listItemSchema = z.object({
  type: z.literal("listItem"),
  content: z.array(richTextParagraphSchema).min(1).max(20),
});
const bulletListSchema = z.object({ type: z.literal("bulletList"), content: z.array(listItemSchema).min(1).max(100) });
const orderedListSchema = z.object({
  type: z.literal("orderedList"),
  attrs: z.object({ start: z.int().min(1).max(10_000) }).optional(),
  content: z.array(listItemSchema).min(1).max(100),
});

export const richTextTopNodeSchema = z.discriminatedUnion("type", [
  richTextParagraphSchema,
  headingSchema,
  bulletListSchema,
  orderedListSchema,
]);

export const MAX_RICH_TEXT_LENGTH = 20_000;

const richTextDocShape = z.object({ type: z.literal("doc"), content: z.array(richTextTopNodeSchema).max(200) });
export type RichTextDoc = z.infer<typeof richTextDocShape>;

export const richTextDocSchema = richTextDocShape.refine((doc) => plainTextOf(doc).length <= MAX_RICH_TEXT_LENGTH, {
  message: `Rich text may hold at most ${MAX_RICH_TEXT_LENGTH} characters`,
});

/** What tiptap produces for an empty editor. */
export function emptyRichTextDoc(): RichTextDoc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** A paragraph per string: how templates and migrations turn plain text into rich text. */
export function richTextFromParagraphs(paragraphs: readonly string[]): RichTextDoc {
  return {
    type: "doc",
    content: paragraphs.map((text) => ({
      type: "paragraph" as const,
      content: text === "" ? undefined : [{ type: "text" as const, text }],
    })),
  };
}

function inlineText(content: readonly RichTextInline[] | undefined): string {
  return (content ?? []).map((node) => (node.type === "text" ? node.text : "\n")).join("");
}

/**
 * The text a reader sees, one line per paragraph or list item. Used to tell an empty
 * translation from a real one, for search, and for screen-reader summaries.
 */
export function plainTextOf(doc: RichTextDoc): string {
  const lines: string[] = [];
  for (const node of doc.content) {
    if (node.type === "paragraph" || node.type === "heading") lines.push(inlineText(node.content));
    else for (const item of node.content) for (const paragraph of item.content) lines.push(inlineText(paragraph.content));
  }
  return lines.join("\n");
}
