"use client";

import { useLocale, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { findBlock, LOCALIZED_FIELDS_BY_TYPE, localizedTextOf, textFor, THEME_POSITIONS, type Block, type Locale, type RegionCode, type ThemePosition } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { useDesigner } from "../designer-context";
import { Choice, MultiChoice } from "./controls";

/** A block's name with the start of its text ("Heading: Cookies"), so hidden blocks can be told apart. */
function useBlockSummary() {
  const { state, blockName } = useDesigner();
  return (block: Block) => {
    const field = LOCALIZED_FIELDS_BY_TYPE[block.type][0];
    const text = field ? localizedTextOf(block, field) : null;
    const words = text ? textFor(text, state.previewLocale, state.document.defaultLocale).slice(0, 40) : "";
    return words ? `${blockName(block)}: ${words}` : blockName(block);
  };
}

/**
 * What the previewed region changes about the whole experience: its languages, its default
 * language, where the surface sits, the blocks it hides; and a way back to the shared design.
 */
export function RegionPanel({ region }: { region: RegionCode }) {
  const t = useTranslations("regions.designer");
  const names = useTranslations("regions.names");
  const f = useTranslations("designer.f");
  const uiLocale = useLocale();
  const { state, dispatch, announce, canEdit } = useDesigner();
  const summary = useBlockSummary();
  const { document } = state;
  const variant = document.variants?.[region] ?? {};
  const regionName = names(region);
  const offered = (variant.locales ?? document.locales).filter((locale) => document.locales.includes(locale));
  const locales = offered.length > 0 ? offered : document.locales;
  const hidden = (variant.hiddenBlocks ?? []).flatMap((id) => {
    const visit = findBlock(document, id);
    return visit ? [visit.block] : [];
  });
  const setLocales = (next: Locale[], defaultLocale: Locale | null) => {
    const all = document.locales.every((locale) => next.includes(locale));
    dispatch({ type: "set_variant_locales", region, locales: all ? null : next, defaultLocale: defaultLocale !== null && next.includes(defaultLocale) ? defaultLocale : null });
  };
  return (
    <fieldset disabled={!canEdit} className="flex flex-col gap-3 rounded-md border border-sky-700 bg-sky-50 p-3" data-testid="region-panel">
      <legend className="px-1 text-sm font-semibold">{t("panelTitle", { region: regionName })}</legend>
      <MultiChoice
        legend={t("languages", { region: regionName })}
        values={locales}
        options={document.locales.map((locale) => ({ value: locale, label: languageName(locale, uiLocale) }))}
        onChange={(next) => {
          if (next.length > 0) setLocales(next, variant.defaultLocale ?? null);
        }}
      />
      <Choice<"" | Locale>
        label={t("defaultLanguage", { region: regionName })}
        value={variant.defaultLocale ?? ""}
        options={[{ value: "", label: t("sameAsShared", { value: languageName(document.defaultLocale, uiLocale) }) }, ...locales.map((locale) => ({ value: locale, label: languageName(locale, uiLocale) }))]}
        onChange={(value) => setLocales(locales, value === "" ? null : value)}
      />
      {document.kind !== "preference_page" ? (
        <Choice<"" | ThemePosition>
          label={t("position", { region: regionName })}
          value={variant.position ?? ""}
          options={[{ value: "", label: t("sameAsShared", { value: f(`positions.${document.theme.position}`) }) }, ...THEME_POSITIONS.map((position) => ({ value: position, label: f(`positions.${position}`) }))]}
          onChange={(value) => dispatch({ type: "set_variant_position", region, position: value === "" ? null : value })}
        />
      ) : null}
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium">{t("hiddenBlocks", { region: regionName })}</p>
        {hidden.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noneHidden")}</p>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="hidden-blocks">
            {hidden.map((block) => (
              <li key={block.id} className="flex items-center justify-between gap-2 text-sm">
                <span>{summary(block)}</span>
                <button
                  type="button"
                  className={buttonClass("secondary")}
                  aria-label={t("showAgain", { block: summary(block), region: regionName })}
                  onClick={() => {
                    dispatch({ type: "set_block_hidden", region, id: block.id, hidden: false });
                    announce(t("shownAnnounce", { block: summary(block), region: regionName }));
                  }}
                >
                  {t("show")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className={`${buttonClass("secondary")} self-start`}
        disabled={!document.variants?.[region]}
        onClick={() => {
          dispatch({ type: "reset_variant", region });
          announce(t("resetAnnounce", { region: regionName }));
        }}
      >
        {t("reset", { region: regionName })}
      </button>
    </fieldset>
  );
}
