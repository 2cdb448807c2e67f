"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { emptyRichTextDoc, richTextDocSchema, type RichTextDoc } from "@/lib/experience";
import { RICH_TEXT_EXTENSIONS } from "@/lib/rich-text/extensions";

/**
 * tiptap, limited to the subset the product stores (lib/rich-text/extensions.ts). What the editor
 * produces is parsed by the stored schema before it is handed on, so nothing outside that subset
 * gets in. Used by the designer's rich-text block and by legal notices.
 */
export function RichTextEditor({
  label,
  lang,
  value,
  onChange,
  minHeight = "min-h-20",
}: {
  label: string;
  lang: string;
  value: RichTextDoc | undefined;
  onChange: (doc: RichTextDoc) => void;
  minHeight?: string;
}) {
  const labelId = useId();
  const editor = useEditor({
    extensions: RICH_TEXT_EXTENSIONS,
    immediatelyRender: false,
    content: value ?? emptyRichTextDoc(),
    editorProps: { attributes: { "aria-labelledby": labelId, "aria-multiline": "true", role: "textbox", lang, class: `${minHeight} p-2 focus:outline-none` } },
    onUpdate: ({ editor: current }) => {
      const parsed = richTextDocSchema.safeParse(current.getJSON());
      if (parsed.success) onChange(parsed.data);
    },
  });
  return (
    <div className="flex flex-col gap-1">
      <span id={labelId} className="text-xs text-slate-700">
        {label}
      </span>
      {editor ? <RichTextToolbar editor={editor} /> : null}
      <div className="rounded-md border border-slate-500 bg-white focus-within:outline-3 focus-within:outline-sky-600 [&_a]:text-sky-800 [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:ps-6 [&_ul]:list-disc [&_ul]:ps-6">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

type Format = "bold" | "italic" | "underline" | "heading" | "bulletList" | "orderedList";

const FORMATS: { name: Format; run: (editor: Editor) => void }[] = [
  { name: "bold", run: (editor) => editor.chain().toggleBold().run() },
  { name: "italic", run: (editor) => editor.chain().toggleItalic().run() },
  { name: "underline", run: (editor) => editor.chain().toggleUnderline().run() },
  { name: "heading", run: (editor) => editor.chain().toggleHeading({ level: 2 }).run() },
  { name: "bulletList", run: (editor) => editor.chain().toggleBulletList().run() },
  { name: "orderedList", run: (editor) => editor.chain().toggleOrderedList().run() },
];

/**
 * Format buttons never take focus from the text: a pressed mouse button would move focus to the
 * toolbar, and tiptap's focus() only hands it back a frame later, so keys typed in between went
 * to the button (Space pressed it again) and the bold waiting for the next character was
 * dropped. With the mouse, the editor keeps focus and selection; from the keyboard, the text is
 * focused synchronously before the format is applied, so typing continues in the text at once.
 */
function RichTextToolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("richText");
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
  const hrefId = useId();
  // The editor does not re-render its parent on every transaction; the pressed states follow it here.
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      underline: current.isActive("underline"),
      heading: current.isActive("heading"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      link: current.isActive("link"),
    }),
  });
  const button = (name: Format | "link", pressed: boolean, run: () => void, keepFocus: boolean) => (
    <button
      key={name}
      type="button"
      aria-pressed={pressed}
      onMouseDown={keepFocus ? (event) => event.preventDefault() : undefined}
      onClick={run}
      className={`min-h-8 min-w-8 rounded border px-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600 ${pressed ? "border-sky-800 bg-sky-100" : "border-slate-400 bg-white"}`}
    >
      {t(name)}
    </button>
  );
  return (
    <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap gap-1">
      {FORMATS.map((format) =>
        button(
          format.name,
          active[format.name],
          () => {
            if (!editor.view.hasFocus()) editor.view.focus();
            format.run(editor);
          },
          true,
        ),
      )}
      {button(
        "link",
        active.link,
        () => {
          setHref(editor.getAttributes("link").href ?? "https://");
          setLinking((open) => !open);
        },
        false,
      )}
      {linking ? (
        <div className="flex w-full gap-1">
          <label className="sr-only" htmlFor={hrefId}>
            {t("linkAddress")}
          </label>
          <input id={hrefId} className="min-h-8 flex-1 rounded border border-slate-500 px-2 text-sm" value={href} onChange={(e) => setHref(e.target.value)} />
          <button
            type="button"
            className="min-h-8 rounded border border-slate-400 px-2 text-sm"
            onClick={() => {
              const chain = editor.chain().focus().extendMarkRange("link");
              (href.trim() ? chain.setLink({ href: href.trim() }) : chain.unsetLink()).run();
              setLinking(false);
            }}
          >
            {t("applyLink")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
