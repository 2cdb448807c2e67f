"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, type SortingStrategy } from "@dnd-kit/sortable";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { ExperienceRenderer, initialChoices, type BlockFrameProps, type BlockListProps } from "@/components/renderer";
import { applyVariant, type Block } from "@/lib/experience";
import { useDesigner } from "./designer-context";
import { DEVICES, type Device } from "./devices";
import { InsertionLine, useDropLineAt } from "./drop-indicator";

export const ROOT_LIST = "list:root";
export const listId = (parentId: string | null) => (parentId ? `list:${parentId}` : ROOT_LIST);

// Blocks stay where they are while dragging: an insertion line shows where the block will land
// (lib/designer planDrop). Lists that opened gaps moved the very blocks the pointer was over.
const STAY_IN_PLACE: SortingStrategy = () => null;

/**
 * The canvas draws the document with THE renderer (what end users will see) and wraps each
 * block in a sortable frame and each block list in a drop zone. The experience's own controls
 * are inert here: clicks select blocks, and Tab moves between block handles only. Focus is not
 * selection: tabbing past a handle leaves the inspector as it is; a click, Enter (a click on the
 * handle) or Space (picking the block up) selects. A click on the canvas outside every block
 * clears the selection, so the experience's own settings come back.
 */
export function Canvas({ device }: { device: Device }) {
  const t = useTranslations("designer");
  const { state, dispatch, catalog, notices } = useDesigner();
  const regions = useTranslations("regions");
  const surface = useRef<HTMLDivElement>(null);
  // With a region chosen, the canvas shows what that region's visitors see (its variant applied).
  const { previewRegion } = state;
  const previewed = useMemo(() => (previewRegion ? applyVariant(state.document, previewRegion) : state.document), [state.document, previewRegion]);
  const previewLocale = previewed.locales.includes(state.previewLocale) ? state.previewLocale : previewed.defaultLocale;
  // The canvas always shows the defaults (a region's own ones included), never leftover clicks.
  const previewChoices = useMemo(() => initialChoices(previewed), [previewed]);
  const rendererCatalog = useMemo(
    () => ({
      purposes: Object.fromEntries(catalog.purposes.map((p) => [p.id, { name: p.name, description: p.description, necessary: p.necessary, separateConsent: p.separateConsent }])),
      topics: Object.fromEntries(catalog.topics.map((topic) => [topic.id, { name: topic.name }])),
    }),
    [catalog],
  );
  // Drafts preview each notice's latest version, in the preview language (else the default one).
  const noticeViews = useMemo(() => {
    const views: Record<string, { html: string }> = {};
    for (const notice of notices) {
      const html = notice.html[previewLocale] ?? notice.html[previewed.defaultLocale];
      if (html) views[notice.id] = { html };
    }
    return views;
  }, [notices, previewLocale, previewed.defaultLocale]);
  // Keep the preview's links, buttons and fields out of the tab order (the renderer draws them live).
  useLayoutEffect(() => {
    surface.current
      ?.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")
      .forEach((element) => {
        if (!element.closest("[data-designer-control]")) element.tabIndex = -1;
      });
  });
  return (
    <section aria-labelledby="canvas-heading" className="flex min-w-0 flex-1 flex-col gap-2">
      <h2 id="canvas-heading" className="sr-only">
        {t("canvas")}
      </h2>
      {previewRegion ? (
        <p className="rounded-md border border-sky-700 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="region-preview-note">
          {regions("designer.previewNote", { region: regions(`names.${previewRegion}`) })}
        </p>
      ) : null}
      {/* Mouse convenience only: the keyboard has Escape and "Back to canvas" for the same. */}
      <div className="max-h-[calc(100vh-11rem)] overflow-auto rounded-lg bg-slate-200 p-4" data-testid="canvas-backdrop" onClick={() => dispatch({ type: "select", id: null })}>
        <div
          ref={surface}
          data-testid="canvas"
          data-preview-region={previewRegion ?? "shared"}
          className="designer-canvas relative mx-auto min-h-[560px] bg-white shadow"
          style={{ width: DEVICES[device], maxWidth: "100%" }}
        >
          <ExperienceRenderer
            document={previewed}
            locale={previewLocale}
            choices={previewChoices}
            mode="preview"
            contained
            showAllLayers
            catalog={rendererCatalog}
            notices={noticeViews}
            frame={frameBlock}
            list={frameList}
          />
        </div>
      </div>
    </section>
  );
}

// The renderer calls these as functions; each returns an element so the frames are components
// with hooks of their own, not hooks run inside the renderer.
const frameBlock = (props: BlockFrameProps) => <CanvasBlock {...props} />;
const frameList = (props: BlockListProps) => <CanvasList {...props} />;

function CanvasList({ parentId, blocks, children }: { parentId: string | null; blocks: Block[]; children: React.ReactNode }) {
  const t = useTranslations("designer");
  const id = listId(parentId);
  const { setNodeRef } = useDroppable({ id, data: { kind: "list", parentId } });
  const lineHere = useDropLineAt(parentId, null);
  return (
    <SortableContext id={id} items={blocks.map((block) => block.id)} strategy={STAY_IN_PLACE}>
      {blocks.length === 0 ? (
        <div ref={setNodeRef} data-designer-drop={parentId ?? "root"} className={`relative m-1 flex min-h-16 items-center justify-center rounded border-2 border-dashed p-3 text-sm ${lineHere ? "border-sky-700 bg-sky-50" : "border-slate-400 text-slate-700"}`}>
          {lineHere ? <InsertionLine /> : null}
          {parentId ? t("dropHere") : t("canvasEmpty")}
        </div>
      ) : (
        <div ref={setNodeRef} style={{ display: "contents" }}>
          {children}
          <ListEnd parentId={parentId} />
        </div>
      )}
    </SortableContext>
  );
}

/** A thin target after a list's last block: dropping here appends. */
function ListEnd({ parentId }: { parentId: string | null }) {
  const { setNodeRef } = useDroppable({ id: `list-end:${parentId ?? "root"}`, data: { kind: "list", parentId } });
  const lineHere = useDropLineAt(parentId, null);
  return (
    <div ref={setNodeRef} data-designer-drop={`end:${parentId ?? "root"}`} aria-hidden="true" className="relative min-h-8 rounded">
      {lineHere ? <InsertionLine /> : null}
    </div>
  );
}

function CanvasBlock({ block, parentId, index, children }: { block: Block; parentId: string | null; index: number; depth: number; children: React.ReactNode }) {
  const t = useTranslations("designer");
  const { state, dispatch, blockName, focusRequest } = useDesigner();
  // No animation after a drop either: blocks sliding into place for a moment are not where they
  // look, for the next press of a pointer (or a test) that comes within that moment.
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useSortable({
    id: block.id,
    data: { kind: "block", parentId, index, type: block.type },
    animateLayoutChanges: () => false,
    transition: null,
  });
  const handle = useRef<HTMLButtonElement | null>(null);
  const selected = state.selectedId === block.id;
  const lineBefore = useDropLineAt(parentId, block.id);
  useEffect(() => {
    if (focusRequest.current?.target === "block" && focusRequest.current.id === block.id) {
      focusRequest.current = null;
      handle.current?.focus();
    }
  });
  return (
    <div
      ref={setNodeRef}
      data-canvas-frame
      data-block-id={block.id}
      data-testid="canvas-block"
      className={`relative rounded-sm pt-6 ${isDragging ? "z-10 opacity-60" : ""} ${selected ? "outline-2 outline-sky-700" : "outline-1 outline-dashed outline-slate-300 hover:outline-slate-500"}`}
      onClick={(event) => {
        event.stopPropagation();
        dispatch({ type: "select", id: block.id });
      }}
    >
      <button
        type="button"
        data-designer-control
        data-handle-for={block.id}
        ref={(node) => {
          handle.current = node;
          setActivatorNodeRef(node);
        }}
        {...attributes}
        {...listeners}
        aria-label={t("handle", { block: blockName(block) })}
        aria-pressed={selected}
        className={`absolute left-0 top-0 flex h-6 cursor-grab touch-none items-center gap-1 rounded-br px-2 text-xs focus-visible:outline-3 focus-visible:outline-sky-600 ${selected ? "bg-sky-800 text-white" : "bg-slate-200 text-slate-800"}`}
      >
        <span aria-hidden="true">⠿</span>
        {blockName(block)}
        <span className="sr-only">{`, ${index + 1}`}</span>
      </button>
      {lineBefore ? <InsertionLine /> : null}
      <div className="designer-block-content">{children}</div>
    </div>
  );
}
