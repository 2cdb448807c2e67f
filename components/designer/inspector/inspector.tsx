"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { cloneWithNewIds } from "@/lib/designer";
import { canPlace, childBlocks, findBlock, isParentBlock, type Block, type Locale } from "@/lib/experience";
import { newBlockId } from "../block-ids";
import { ConsentModePanel } from "../consent-mode-panel";
import { useDesigner } from "../designer-context";
import { BlockFields } from "./block-fields";
import { DocumentSettings } from "./document-settings";
import { RegionPanel } from "./region-panel";
import { VariantFields } from "./variant-fields";

/**
 * Edits the selected block (or, with none selected, the experience itself). Move up/down and
 * in/out of containers are the non-drag way to arrange blocks (WCAG 2.5.7).
 */
export function Inspector({ name, onName }: { name: string; onName: (name: string) => void }) {
  const t = useTranslations("designer");
  const { state, dispatch, blockName, announce, focusRequest, canEdit, closeBlock } = useDesigner();
  const heading = useRef<HTMLHeadingElement>(null);
  const document = state.document;
  const visit = state.selectedId ? findBlock(document, state.selectedId) : null;

  useEffect(() => {
    if (focusRequest.current?.target === "inspector") {
      focusRequest.current = null;
      heading.current?.focus();
    }
  });

  if (!visit) {
    return (
      <aside aria-labelledby="inspector-heading" className="flex flex-col gap-4">
        <h2 id="inspector-heading" ref={heading} tabIndex={-1} className="text-sm font-semibold uppercase tracking-wide text-slate-700 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("experienceSettings")}
        </h2>
        {state.previewRegion ? <RegionPanel region={state.previewRegion} /> : null}
        <fieldset disabled={!canEdit} className="flex flex-col gap-4">
          <DocumentSettings name={name} onName={onName} />
          <ConsentModePanel />
        </fieldset>
      </aside>
    );
  }

  const { block, parentId, index } = visit;
  const siblings = parentId ? childBlocks(findBlock(document, parentId)!.block) : document.blocks;
  const previous = siblings[index - 1];
  const parent = parentId ? findBlock(document, parentId) : null;
  const canMoveIn = previous !== undefined && isParentBlock(previous) && canPlace(document, block, previous.id);
  const canMoveOut = parent !== null && canPlace(document, block, parent.parentId);

  const moved = (action: Parameters<typeof dispatch>[0], position: () => { index: number; count: number } | null) => {
    dispatch(action);
    const after = position();
    if (after) announce(t("announce.moved", { block: blockName(block), position: after.index + 1, count: after.count }));
  };
  const positionIn = (list: readonly Block[], at: number) => ({ index: at, count: list.length });

  return (
    <aside aria-labelledby="inspector-heading" className="flex flex-col gap-4">
      <h2 id="inspector-heading" ref={heading} tabIndex={-1} className="text-sm font-semibold uppercase tracking-wide text-slate-700 focus-visible:outline-3 focus-visible:outline-sky-600">
        {blockName(block)}
      </h2>
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("inspector")}>
        <button type="button" className={buttonClass("secondary")} disabled={!canEdit || index === 0} onClick={() => moved({ type: "move_up", id: block.id }, () => positionIn(siblings, index - 1))}>
          {t("moveUp")}
        </button>
        <button type="button" className={buttonClass("secondary")} disabled={!canEdit || index === siblings.length - 1} onClick={() => moved({ type: "move_down", id: block.id }, () => positionIn(siblings, index + 1))}>
          {t("moveDown")}
        </button>
        {canMoveIn ? (
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={!canEdit}
            onClick={() => moved({ type: "move_block", id: block.id, parentId: previous.id, index: childBlocks(previous).length }, () => positionIn([...childBlocks(previous), block], childBlocks(previous).length))}
          >
            {t("moveIn")}
          </button>
        ) : null}
        {canMoveOut ? (
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={!canEdit}
            onClick={() => moved({ type: "move_block", id: block.id, parentId: parent.parentId, index: parent.index + 1 }, () => null)}
          >
            {t("moveOut")}
          </button>
        ) : null}
        <button
          type="button"
          className={buttonClass("secondary")}
          disabled={!canEdit}
          onClick={() => {
            const copy = cloneWithNewIds(block, newBlockId);
            dispatch({ type: "duplicate_block", id: block.id, copy });
            announce(t("announce.duplicated", { block: blockName(block) }));
          }}
        >
          {t("duplicate")}
        </button>
        <button
          type="button"
          className={buttonClass("danger")}
          disabled={!canEdit}
          onClick={() => {
            const neighbour = siblings[index + 1] ?? siblings[index - 1] ?? parent?.block;
            dispatch({ type: "delete_block", id: block.id });
            announce(t("announce.deleted", { block: blockName(block) }));
            if (neighbour) focusRequest.current = { target: "block", id: neighbour.id };
          }}
        >
          {t("delete")}
        </button>
      </div>
      {state.previewRegion ? <VariantFields block={block} region={state.previewRegion} /> : null}
      <fieldset disabled={!canEdit} className="flex flex-col gap-4">
        <BlockFields
          block={block}
          locales={document.locales as readonly Locale[]}
          update={(patch) => dispatch({ type: "update_block", id: block.id, patch })}
          setText={(field, locale, value) => dispatch({ type: "set_text", id: block.id, field, locale, value, coalesceKey: `${block.id}:${field}:${locale}` })}
        />
      </fieldset>
      <button
        type="button"
        className="self-start text-sm font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600"
        onClick={() => closeBlock(block.id)}
      >
        {t("backToCanvas")}
      </button>
    </aside>
  );
}
