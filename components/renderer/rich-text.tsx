import { Fragment, type ReactNode } from "react";
import { opensNewTab, safeRichTextHref } from "./href";
import type { BlockOfType } from "./types";

type RichTextDoc = NonNullable<BlockOfType<"rich_text">["content"][keyof BlockOfType<"rich_text">["content"]]>;
type TopNode = RichTextDoc["content"][number];
type ListItem = Extract<TopNode, { type: "bulletList" }>["content"][number];
type Paragraph = ListItem["content"][number];
type Inline = NonNullable<Paragraph["content"]>[number];
type Mark = NonNullable<Extract<Inline, { type: "text" }>["marks"]>[number];

export interface RichTextOptions {
  /** Visually hidden words after a link that opens a new tab. */
  newTabHint: string;
  /** Preview: every link opens a new tab, so the designer is never navigated away. */
  alwaysNewTab: boolean;
}

/*
 * Customer rich text is turned into React elements node by node, never into an HTML string:
 * React escapes every text, and only the node and mark types below can produce elements.
 * Anything else (unknown types from an older or tampered document) is dropped.
 */

function withMark(children: ReactNode, mark: Mark, key: number, options: RichTextOptions): ReactNode {
  switch (mark.type) {
    case "bold":
      return <strong key={key}>{children}</strong>;
    case "italic":
      return <em key={key}>{children}</em>;
    case "underline":
      return <u key={key}>{children}</u>;
    case "link": {
      const href = safeRichTextHref(mark.attrs?.href);
      // An unsafe href loses its link, not its words.
      if (href === null) return children;
      const newTab = options.alwaysNewTab || opensNewTab(href);
      return (
        <a key={key} href={href} {...(newTab ? { target: "_blank", rel: "noopener noreferrer" } : {})}>
          {children}
          {newTab && <span className="csy-vh"> {options.newTabHint}</span>}
        </a>
      );
    }
    default:
      return children;
  }
}

function inlineNodes(content: readonly Inline[] | undefined, options: RichTextOptions): ReactNode[] {
  return (content ?? []).map((node, index) => {
    if (node.type === "hardBreak") return <br key={index} />;
    if (node.type !== "text" || typeof node.text !== "string") return null;
    // Links outermost, so a bold word inside a link stays one link.
    const marks = [...(node.marks ?? [])].sort((a, b) => Number(a.type === "link") - Number(b.type === "link"));
    return <Fragment key={index}>{marks.reduce<ReactNode>((inner, mark, i) => withMark(inner, mark, i, options), node.text)}</Fragment>;
  });
}

function listItems(items: readonly ListItem[], options: RichTextOptions): ReactNode[] {
  return items.map((item, index) => (
    <li key={index}>
      {(item.content ?? []).map((paragraph, i) =>
        paragraph.type === "paragraph" ? <p key={i}>{inlineNodes(paragraph.content, options)}</p> : null,
      )}
    </li>
  ));
}

function topNode(node: TopNode, key: number, options: RichTextOptions): ReactNode {
  switch (node.type) {
    case "paragraph":
      return <p key={key}>{inlineNodes(node.content, options)}</p>;
    case "heading": {
      const level = node.attrs?.level;
      const Tag = level === 3 ? "h3" : level === 4 ? "h4" : "h2";
      return (
        <Tag key={key} className={`csy-heading csy-h${level === 2 ? 2 : 3}`}>
          {inlineNodes(node.content, options)}
        </Tag>
      );
    }
    case "bulletList":
      return <ul key={key}>{listItems(node.content, options)}</ul>;
    case "orderedList":
      return (
        <ol key={key} start={node.attrs?.start}>
          {listItems(node.content, options)}
        </ol>
      );
    default:
      return null;
  }
}

export function RichText({ doc, options }: { doc: RichTextDoc | undefined; options: RichTextOptions }) {
  const content = doc?.type === "doc" && Array.isArray(doc.content) ? doc.content : [];
  return <div className="csy-rich">{content.map((node, index) => topNode(node, index, options))}</div>;
}

export type { RichTextDoc };
