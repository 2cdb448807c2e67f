"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { emptyRichTextDoc, richTextDocSchema, type BlockOfType, type Locale } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { useDesigner } from "../designer-context";

/**
 * tiptap, limited to what the experience document can hold: paragraphs, headings 2–4, lists,
 * bold, italic, underline and links. What the editor produces is parsed by the document's own
 * schema before it is stored, so nothing outside that subset can get in.
 */
const extensions = [
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

export function RichTextInput({ block, locales, label }: { block: BlockOfType<"rich_text">; locales: readonly Locale[]; label: string }) {
  const uiLocale = useLocale();
  const t = useTranslations("designer");
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-medium">{label}</legend>
      {locales.map((locale) => (
        <LocaleEditor key={`${block.id}-${locale}`} block={block} locale={locale} label={t("fieldIn", { field: label, language: languageName(locale, uiLocale) })} />
      ))}
    </fieldset>
  );
}

function LocaleEditor({ block, locale, label }: { block: BlockOfType<"rich_text">; locale: Locale; label: string }) {
  const { dispatch } = useDesigner();
  const labelId = useId();
  const editor = useEditor({
    extensions,
    immediatelyRender: false,
    content: block.content[locale] ?? emptyRichTextDoc(),
    editorProps: { attributes: { "aria-labelledby": labelId, "aria-multiline": "true", role: "textbox", lang: locale, class: "min-h-20 p-2 prose-sm focus:outline-none" } },
    onUpdate: ({ editor: current }) => {
      const parsed = richTextDocSchema.safeParse(current.getJSON());
      if (parsed.success) dispatch({ type: "set_rich_text", id: block.id, locale, doc: parsed.data, coalesceKey: `${block.id}:rich:${locale}` });
    },
  });
  return (
    <div className="flex flex-col gap-1">
      <span id={labelId} className="text-xs text-slate-700">
        {label}
      </span>
      {editor ? <RichTextToolbar editor={editor} /> : null}
      <div className="rounded-md border border-slate-500 bg-white focus-within:outline-3 focus-within:outline-sky-600">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

function RichTextToolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("richText");
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
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
      {button("bulletList", editor.isActive("bulletList"), () => editor.chain().focus().toggleBulletList().run())}
      {button("orderedList", editor.isActive("orderedList"), () => editor.chain().focus().toggleOrderedList().run())}
      {button("link", editor.isActive("link"), () => {
        setHref(editor.getAttributes("link").href ?? "https://");
        setLinking((open) => !open);
      })}
      {linking ? (
        <form
          className="flex w-full gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            const chain = editor.chain().focus().extendMarkRange("link");
            (href.trim() ? chain.setLink({ href: href.trim() }) : chain.unsetLink()).run();
            setLinking(false);
          }}
        >
          <label className="sr-only" htmlFor={`${editor.instanceId}-href`}>
            {t("linkAddress")}
          </label>
          <input id={`${editor.instanceId}-href`} className="min-h-8 flex-1 rounded border border-slate-500 px-2 text-sm" value={href} onChange={(e) => setHref(e.target.value)} />
          <button type="submit" className="min-h-8 rounded border border-slate-400 px-2 text-sm">
            {t("applyLink")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
