"use client";

import { useLocale } from "next-intl";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { SelectField } from "./select-field";

const FIRST_OFFERED = ["en", "zh-CN", "zh-TW"];

/**
 * The languages customer-written content is offered in (checkboxes named `locales`), and the one
 * it starts from (`primaryName`: the default or source language). Names come from the platform's
 * CLDR data in the operator's language.
 */
export function ContentLanguagesFields({
  legend,
  primaryLabel,
  primaryName,
  primaryDefault,
  error,
}: {
  legend: string;
  primaryLabel: string;
  primaryName: string;
  primaryDefault: string;
  error?: string;
}) {
  const uiLocale = useLocale();
  const options = SUPPORTED_CONTENT_LOCALES.map((code) => ({ value: code, label: languageName(code, uiLocale) }));
  return (
    <>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{legend}</legend>
        <div className="flex flex-wrap gap-4">
          {options.map(({ value, label }) => (
            <label key={value} className="flex items-center gap-2">
              <input type="checkbox" name="locales" value={value} defaultChecked={FIRST_OFFERED.includes(value)} className="size-4" />
              <span lang={value}>{label}</span>
            </label>
          ))}
        </div>
        {error ? <p className="text-sm text-red-800">{error}</p> : null}
      </fieldset>
      <SelectField
        label={primaryLabel}
        name={primaryName}
        defaultValue={(SUPPORTED_CONTENT_LOCALES as readonly string[]).includes(primaryDefault) ? primaryDefault : "en"}
        options={options}
      />
    </>
  );
}
