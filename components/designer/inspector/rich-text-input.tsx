"use client";

import { useLocale, useTranslations } from "next-intl";
import { RichTextEditor } from "@/components/rich-text/rich-text-editor";
import { hasTranslation, type BlockOfType, type Locale } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { useDesigner } from "../designer-context";
import { OutdatedNote, useTranslationMarks } from "./translation-marks";

/** The rich-text block's content, one editor per offered language; typing coalesces into one undo step. */
export function RichTextInput({ block, locales, label }: { block: BlockOfType<"rich_text">; locales: readonly Locale[]; label: string }) {
  const uiLocale = useLocale();
  const t = useTranslations("designer");
  const { dispatch } = useDesigner();
  const marks = useTranslationMarks(block.id)("content");
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-medium">{label}</legend>
      {locales.map((locale) => (
        <div key={`${block.id}-${locale}`} className="flex flex-col gap-1">
          <RichTextEditor
            label={t("fieldIn", { field: label, language: languageName(locale, uiLocale) })}
            lang={locale}
            value={block.content[locale]}
            onChange={(doc) => dispatch({ type: "set_rich_text", id: block.id, locale, doc, coalesceKey: `${block.id}:rich:${locale}` })}
          />
          {marks.outdated.includes(locale) && hasTranslation(block, "content", locale) ? (
            <OutdatedNote id={`${block.id}-${locale}-outdated`} language={languageName(locale, uiLocale)} onMarkCurrent={() => marks.onMarkCurrent(locale)} />
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
