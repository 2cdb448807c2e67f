import { useRenderer } from "./context";
import { ownLanguageName } from "./text";
import type { BlockOfType, ContentLocale } from "./types";

/** Each language named in itself, so a reader finds theirs whatever is shown now. */
export function LanguageSwitcherView({ block }: { block: BlockOfType<"language_switcher"> }) {
  const { document, locale, strings, onLocaleChange, idFor } = useRenderer();
  const id = idFor(block.id, "select");
  return (
    <div className="csy-field">
      <label className="csy-label" htmlFor={id}>
        {strings.language}
      </label>
      <select
        id={id}
        className="csy-input"
        data-csy-language=""
        value={locale}
        onChange={(event) => {
          const next = document.locales.find((code) => code === event.currentTarget.value);
          if (next !== undefined) onLocaleChange?.(next as ContentLocale);
        }}
      >
        {document.locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {ownLanguageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
