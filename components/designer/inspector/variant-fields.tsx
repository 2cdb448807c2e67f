"use client";

import { useTranslations } from "next-intl";
import type { Block, RegionCode } from "@/lib/experience";
import { useDesigner } from "../designer-context";
import { Toggle } from "./controls";

/**
 * What the previewed region changes about the selected block: hide it there, and for a purpose
 * toggle, whether it starts ticked there. Everything else about the block is shared.
 */
export function VariantFields({ block, region }: { block: Block; region: RegionCode }) {
  const t = useTranslations("regions");
  const { state, dispatch, announce, blockName, canEdit } = useDesigner();
  const variant = state.document.variants?.[region];
  const regionName = t(`names.${region}`);
  const hidden = variant?.hiddenBlocks?.includes(block.id) ?? false;
  const ownDefault = variant?.defaultOn?.[block.id];
  return (
    <fieldset disabled={!canEdit} className="flex flex-col gap-2 rounded-md border border-sky-700 bg-sky-50 p-3" data-testid="variant-fields">
      <legend className="px-1 text-sm font-semibold">{t("designer.variantTitle", { region: regionName })}</legend>
      <Toggle
        label={t("designer.hideIn", { region: regionName })}
        checked={hidden}
        onChange={(checked) => {
          dispatch({ type: "set_block_hidden", region, id: block.id, hidden: checked });
          announce(t(checked ? "designer.hiddenAnnounce" : "designer.shownAnnounce", { block: blockName(block), region: regionName }));
        }}
      />
      {block.type === "purpose_toggle" ? (
        <>
          <Toggle
            label={t("designer.tickedIn", { region: regionName })}
            checked={ownDefault ?? block.defaultOn}
            disabled={block.required}
            onChange={(checked) => dispatch({ type: "set_variant_default_on", region, id: block.id, defaultOn: checked })}
          />
          {ownDefault !== undefined ? (
            <button
              type="button"
              className="self-start text-sm font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600"
              onClick={() => dispatch({ type: "set_variant_default_on", region, id: block.id, defaultOn: null })}
            >
              {t("designer.followShared", { value: t(block.defaultOn ? "designer.ticked" : "designer.notTicked") })}
            </button>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
