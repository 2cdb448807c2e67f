import StarterKit from "@tiptap/starter-kit";

/**
 * The tiptap extensions of every rich text the product stores: paragraphs, headings 2–4, lists,
 * bold, italic, underline, links. One list for the editor (client) and for server rendering,
 * so what is written and what is rendered cannot drift apart. Must match the stored subset in
 * lib/experience/rich-text.ts (render.test.ts checks the schema).
 */
export const RICH_TEXT_EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    link: { openOnClick: false, autolink: true, protocols: ["mailto", "tel"] },
  }),
];
