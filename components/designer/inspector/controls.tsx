"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { Locale, LocalizedText } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { OutdatedNote, type TranslationMarks } from "./translation-marks";

const inputClass =
  "min-h-10 w-full rounded-md border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600";

/**
 * One text input per offered language, each labelled "Label (简体中文)" in the operator's language;
 * a language that may be out of date says so under its input (`marks`).
 */
export function LocalizedTextInput({
  label,
  value,
  locales,
  multiline,
  onChange,
  marks,
}: {
  label: string;
  value: LocalizedText;
  locales: readonly Locale[];
  multiline?: boolean;
  onChange: (locale: Locale, text: string) => void;
  marks?: TranslationMarks;
}) {
  const t = useTranslations("designer");
  const uiLocale = useLocale();
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{label}</legend>
      {locales.map((locale) => {
        const fieldId = `${id}-${locale}`;
        const language = languageName(locale, uiLocale);
        const fieldLabel = t("fieldIn", { field: label, language });
        const outdated = marks !== undefined && marks.outdated.includes(locale) && (value[locale] ?? "").trim() !== "";
        const describedBy = outdated ? `${fieldId}-outdated` : undefined;
        return (
          <div key={locale} className="flex flex-col gap-1">
            <label htmlFor={fieldId} className="text-xs text-slate-700">
              {fieldLabel}
            </label>
            {multiline ? (
              <textarea id={fieldId} lang={locale} rows={3} className={inputClass} aria-describedby={describedBy} value={value[locale] ?? ""} onChange={(e) => onChange(locale, e.target.value)} />
            ) : (
              <input id={fieldId} lang={locale} className={inputClass} aria-describedby={describedBy} value={value[locale] ?? ""} onChange={(e) => onChange(locale, e.target.value)} />
            )}
            {outdated ? <OutdatedNote id={`${fieldId}-outdated`} language={language} onMarkCurrent={() => marks.onMarkCurrent(locale)} /> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

export function TextInput({ label, value, onChange, type = "text", ...rest }: { label: string; value: string; onChange: (value: string) => void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input id={id} type={type} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
    </div>
  );
}

export function Choice<V extends string>({ label, value, options, onChange }: { label: string; value: V; options: readonly { value: V; label: string }[]; onChange: (value: V) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Toggle({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex min-h-10 items-center gap-2 text-sm">
      <input type="checkbox" className="size-5 focus-visible:outline-3 focus-visible:outline-sky-600" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** A group of checkboxes for picking several values (channels, topics). */
export function MultiChoice<V extends string>({ legend, values, options, onChange }: { legend: string; values: readonly V[]; options: readonly { value: V; label: string }[]; onChange: (values: V[]) => void }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <Toggle
          key={option.value}
          label={option.label}
          checked={values.includes(option.value)}
          onChange={(checked) => onChange(checked ? [...values, option.value] : values.filter((value) => value !== option.value))}
        />
      ))}
    </fieldset>
  );
}

/**
 * A URL typed a character at a time: kept here while it is incomplete ("h", "https:/"), handed
 * to the document only once `isValid` accepts it, since the document never holds an invalid one.
 */
export function UrlInput({ label, value, isValid, invalidMessage, onChange }: { label: string; value: string; isValid: (value: string) => boolean; invalidMessage: string; onChange: (value: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The document changed underneath (undo, another block selected): follow it.
    setLastValue(value);
    setDraft(value);
  }
  const invalid = draft !== value && !isValid(draft);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="url"
        inputMode="url"
        className={inputClass}
        value={draft}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          if (isValid(event.target.value)) onChange(event.target.value);
        }}
      />
      {invalid ? (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {invalidMessage}
        </p>
      ) : null}
    </div>
  );
}
