"use client";

import { useLocale, useTranslations } from "next-intl";
import { EXPERIENCE_KINDS, SUPPORTED_CONTENT_LOCALES, THEME_FONTS, THEME_POSITIONS, type Locale, type ThemeColors } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { useDesigner } from "../designer-context";
import { Choice, MultiChoice, TextInput } from "./controls";

const COLOR_KEYS: (keyof ThemeColors)[] = ["background", "text", "primary", "primaryText", "border"];

/** The experience as a whole: its name, kind, languages and theme. */
export function DocumentSettings({ name, onName }: { name: string; onName: (name: string) => void }) {
  const t = useTranslations("designer.f");
  const kinds = useTranslations("experienceKinds");
  const uiLocale = useLocale();
  const { state, dispatch } = useDesigner();
  const { document } = state;
  const theme = document.theme;
  return (
    <>
      <TextInput label={t("name")} value={name} maxLength={120} onChange={onName} />
      <Choice label={t("kind")} value={document.kind} options={EXPERIENCE_KINDS.map((kind) => ({ value: kind, label: kinds(kind) }))} onChange={(kind) => dispatch({ type: "set_kind", kind })} />
      <MultiChoice
        legend={t("languages")}
        values={document.locales}
        options={SUPPORTED_CONTENT_LOCALES.map((locale) => ({ value: locale, label: languageName(locale, uiLocale) }))}
        onChange={(locales) => {
          if (locales.length === 0) return;
          const ordered = SUPPORTED_CONTENT_LOCALES.filter((locale) => locales.includes(locale));
          dispatch({ type: "set_locales", locales: ordered, defaultLocale: ordered.includes(document.defaultLocale) ? document.defaultLocale : ordered[0]! });
        }}
      />
      <Choice
        label={t("defaultLanguage")}
        value={document.defaultLocale}
        options={document.locales.map((locale) => ({ value: locale, label: languageName(locale, uiLocale) }))}
        onChange={(defaultLocale: Locale) => dispatch({ type: "set_locales", locales: document.locales, defaultLocale })}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-semibold">{t("theme")}</legend>
        <Choice label={t("mode")} value={theme.mode} options={[{ value: "light", label: t("light") }, { value: "dark", label: t("dark") }]} onChange={(mode) => dispatch({ type: "set_theme", patch: { mode } })} />
        {COLOR_KEYS.map((key) => (
          <TextInput key={key} label={t(`colors.${key}`)} type="color" value={theme.colors[key]} onChange={(value) => dispatch({ type: "set_theme", patch: { colors: { ...theme.colors, [key]: value } } })} />
        ))}
        <Choice label={t("font")} value={theme.font} options={THEME_FONTS.map((font) => ({ value: font, label: t(`fonts.${font}`) }))} onChange={(font) => dispatch({ type: "set_theme", patch: { font } })} />
        <TextInput label={t("radius")} type="number" min={0} max={24} value={String(theme.radius)} onChange={(value) => dispatch({ type: "set_theme", patch: { radius: Math.min(24, Math.max(0, Number(value) || 0)) } })} />
        {document.kind !== "preference_page" ? (
          <Choice label={t("position")} value={theme.position} options={THEME_POSITIONS.map((position) => ({ value: position, label: t(`positions.${position}`) }))} onChange={(position) => dispatch({ type: "set_theme", patch: { position } })} />
        ) : null}
      </fieldset>
    </>
  );
}
