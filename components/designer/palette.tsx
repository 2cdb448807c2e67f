"use client";

import { useDraggable } from "@dnd-kit/core";
import { useTranslations } from "next-intl";
import { BLOCK_CATALOG, findBlock, type BlockType } from "@/lib/experience";
import { useDesigner } from "./designer-context";
import { newBlockId } from "./block-ids";

/**
 * Every block type, twice over: drag it onto the canvas with a pointer, or press its Add button
 * (the non-drag path, WCAG 2.5.7), which inserts after the selected block or at the end.
 */
export function Palette() {
  const t = useTranslations("designer");
  const { state, dispatch, blockName, announce, focusRequest, canEdit } = useDesigner();
  const types = BLOCK_CATALOG.filter((entry) => entry.allowedIn.includes(state.document.kind));

  const add = (type: BlockType) => {
    const block = BLOCK_CATALOG.find((entry) => entry.type === type)!.create(newBlockId, state.document.locales);
    const selected = state.selectedId ? findBlock(state.document, state.selectedId) : null;
    const target = selected ? { parentId: selected.parentId, index: selected.index + 1 } : { parentId: null, index: state.document.blocks.length };
    dispatch({ type: "add_block", block, ...target });
    dispatch({ type: "select", id: block.id });
    announce(t("announce.added", { block: blockName(type) }));
    focusRequest.current = { target: "inspector" };
  };

  return (
    <section aria-labelledby="palette-heading" className="flex flex-col gap-2">
      <h2 id="palette-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-700">
        {t("palette")}
      </h2>
      <p className="text-xs text-slate-700">{t("paletteHint")}</p>
      <ul className="flex flex-col gap-1">
        {types.map((entry) => (
          <PaletteItem key={entry.type} type={entry.type} name={blockName(entry.type)} addLabel={t("add", { block: blockName(entry.type) })} onAdd={() => add(entry.type)} disabled={!canEdit} />
        ))}
      </ul>
    </section>
  );
}

function PaletteItem({ type, name, addLabel, onAdd, disabled }: { type: BlockType; name: string; addLabel: string; onAdd: () => void; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${type}`, data: { source: "palette", type }, disabled });
  return (
    <li className={`flex items-center gap-1 rounded-md border border-slate-300 bg-white ${isDragging ? "opacity-50" : ""}`} data-testid={`palette-${type}`}>
      {/* Pointer-only drag handle: keyboard users have the Add button beside it. */}
      <span ref={setNodeRef} {...listeners} {...attributes} tabIndex={-1} aria-hidden="true" role="presentation" className="flex-1 cursor-grab touch-none px-2 py-2 text-sm select-none">
        {name}
      </span>
      <button type="button" onClick={onAdd} disabled={disabled} aria-label={addLabel} className="min-h-10 min-w-10 rounded-md px-2 text-lg leading-none text-sky-800 hover:bg-sky-50 focus-visible:outline-3 focus-visible:outline-sky-600">
        +
      </button>
    </li>
  );
}
