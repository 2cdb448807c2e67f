import { useRenderer } from "./context";
import { RichText } from "./rich-text";
import type { BlockOfType } from "./types";

/** Per-language rich text; a missing translation falls back to the default language. */
export function RichTextView({ block }: { block: BlockOfType<"rich_text"> }) {
  const { locale, document, richText } = useRenderer();
  const own = block.content[locale];
  const doc = own && hasWords(own) ? own : (block.content[document.defaultLocale] ?? own);
  return <RichText doc={doc} options={richText} />;
}

type Doc = NonNullable<BlockOfType<"rich_text">["content"][keyof BlockOfType<"rich_text">["content"]]>;

type Inline = { type: string; text?: string };

const hasText = (content: readonly Inline[] | undefined) => (content ?? []).some((node) => (node.text ?? "").trim() !== "");

/** An empty editor still holds a paragraph; only text counts as a translation. */
function hasWords(doc: Doc): boolean {
  return doc.content.some((node) =>
    node.type === "paragraph" || node.type === "heading"
      ? hasText(node.content)
      : node.content.some((item) => item.content.some((paragraph) => hasText(paragraph.content))),
  );
}
