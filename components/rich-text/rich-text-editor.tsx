"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
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

function RichTextToolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("richText");
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
  const hrefId = useId();
  const button = (name: string, active: boolean, run: () => void) => (
    <button
      type="button"
      aria-pressed={active}
      onClick={run}
      className={`min-h-8 min-w-8 rounded border px-2 text-sm focus-visible:outline-3 focus-visible:outline-sky-600 ${active ? "border-sky-800 bg-sky-100" : "border-slate-400 bg-white"}`}
    >
      {t(name)}
    </button>
  );
  return (
    <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap gap-1">
      {button("bold", editor.isActive("bold"), () => editor.chain().focus().toggleBold().run())}
      {button("italic", editor.isActive("italic"), () => editor.chain().focus().toggleItalic().run())}
      {button("underline", editor.isActive("underline"), () => editor.chain().focus().toggleUnderline().run())}
      {button("heading", editor.isActive("heading"), () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {button("bulletList", editor.isActive("bulletList"), () => editor.chain().focus().toggleBulletList().run())}
      {button("orderedList", editor.isActive("orderedList"), () => editor.chain().focus().toggleOrderedList().run())}
      {button("link", editor.isActive("link"), () => {
        setHref(editor.getAttributes("link").href ?? "https://");
        setLinking((open) => !open);
      })}
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
