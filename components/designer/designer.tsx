"use client";

import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type Collision,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { Catalog } from "@/lib/catalog/catalog";
import { planDrop, positionOf, type DragSource, type DropPlan } from "@/lib/designer";
import { BLOCK_CATALOG, findBlock, type BlockType, type ExperienceDocument } from "@/lib/experience";
import { newBlockId } from "./block-ids";
import { Canvas } from "./canvas";
import { DesignerProvider, useDesigner, type DesignerNotice } from "./designer-context";
import type { Device } from "./devices";
import { dropOverOf, innermostCollision } from "./drag-and-drop";
import { DropLineContext, type DropLine } from "./drop-indicator";
import { Inspector } from "./inspector/inspector";
import { Palette } from "./palette";
import { Toolbar } from "./toolbar";
import { useAutosave } from "./use-autosave";

// Drop zones move while a drag is in progress (lists open a gap, containers grow), so they are
// measured continuously: a drop lands where the pointer is now, not where a zone was a moment ago.
const DROP_ZONE_MEASURING = { droppable: { strategy: MeasuringStrategy.Always } };
// Enter on a block's handle is a click (it selects the block for editing); Space picks it up.
const KEYBOARD_CODES = { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] };

export interface DesignerProps {
  workspaceId: string;
  experienceId: string;
  name: string;
  revision: number;
  document: ExperienceDocument;
  catalog: Catalog;
  notices: DesignerNotice[];
  canEdit: boolean;
}

/** The designer: palette → canvas ← inspector, with undo/redo, autosave and device/locale preview. */
export function Designer(props: DesignerProps) {
  return (
    <DesignerProvider document={props.document} catalog={props.catalog} notices={props.notices} workspaceId={props.workspaceId} experienceId={props.experienceId} canEdit={props.canEdit}>
      <DesignerWorkspace initialName={props.name} initialRevision={props.revision} />
    </DesignerProvider>
  );
}

function DesignerWorkspace({ initialName, initialRevision }: { initialName: string; initialRevision: number }) {
  const t = useTranslations("designer");
  const { state, dispatch, workspaceId, experienceId, canEdit, blockName, announcement, closeBlock } = useDesigner();
  const [name, setName] = useState(initialName);
  const [device, setDevice] = useState<Device>("desktop");
  const autosave = useAutosave({ workspaceId, experienceId, name, document: state.document, initialRevision, enabled: canEdit });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes: KEYBOARD_CODES }),
  );
  // The drag in progress: what is dragged (a palette block gets its id when picked up, so the
  // plan checks the very block that will land) and the plan for where it would land now.
  const source = useRef<DragSource | null>(null);
  const plan = useRef<DropPlan | null>(null);
  const [line, setLine] = useState<DropLine | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);

  const nameOf = (id: string | number): string => {
    const key = String(id);
    if (key.startsWith("palette:")) return blockName(key.slice("palette:".length) as BlockType);
    const visit = findBlock(state.document, key);
    return visit ? blockName(visit.block) : "";
  };
  const replan = (overId: UniqueIdentifier | undefined, collisions: Collision[] | null) => {
    const over = dropOverOf(overId, collisions);
    const next = source.current && over ? planDrop(state.document, source.current, over) : null;
    plan.current = next;
    const nextLine = next?.moves ? { parentId: next.parentId, beforeId: next.beforeId } : null;
    setLine((current) => (current?.parentId === nextLine?.parentId && current?.beforeId === nextLine?.beforeId ? current : nextLine));
  };
  // The plan outlives the drag: dnd-kit announces the drop after onDragEnd has run.
  const endDrag = () => {
    source.current = null;
    setDragged(null);
    setLine(null);
  };
  // dnd-kit calls the handlers below before it announces, so the plan is current here.
  const describePlace = (activeId: UniqueIdentifier, key: "over" | "dropped") =>
    plan.current ? t(`announce.${key}`, { block: nameOf(activeId), position: plan.current.index + 1, count: plan.current.count }) : "";
  // Screen readers hear block names in the operator's language, never raw ids.
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const place = positionOf(state.document, String(active.id));
      return t("announce.pickedUp", { block: nameOf(active.id), position: place ? place.index + 1 : 1, count: place ? place.siblings : 1 });
    },
    onDragOver: ({ active }) => describePlace(active.id, "over"),
    onDragEnd: ({ active }) => describePlace(active.id, "dropped"),
    onDragCancel: ({ active }) => t("announce.cancelled", { block: nameOf(active.id) }),
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    plan.current = null;
    setDragged(nameOf(id));
    if (id.startsWith("palette:")) {
      const type = id.slice("palette:".length) as BlockType;
      source.current = { kind: "new", block: BLOCK_CATALOG.find((entry) => entry.type === type)!.create(newBlockId, state.document.locales) };
      return;
    }
    source.current = { kind: "block", id };
    // Picking a block up (Space on its handle, or a pointer drag) also selects it.
    dispatch({ type: "select", id });
  };
  const onDrop = () => {
    const landing = plan.current;
    const what = source.current;
    if (!landing?.moves || !what) return;
    if (what.kind === "new") {
      dispatch({ type: "add_block", block: what.block, parentId: landing.parentId, index: landing.index });
      dispatch({ type: "select", id: what.block.id });
    } else {
      dispatch({ type: "move_block", id: what.id, parentId: landing.parentId, index: landing.index });
    }
  };
  // Escape leaves the selected block for the experience's settings (a drag in progress takes
  // Escape for itself: it cancels the drag).
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented || source.current !== null || state.selectedId === null) return;
    event.preventDefault();
    closeBlock(state.selectedId);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" onKeyDown={onKeyDown}>
      <Toolbar device={device} onDevice={setDevice} status={autosave.status} onOverwrite={autosave.overwrite} />
      <DndContext
        sensors={sensors}
        collisionDetection={innermostCollision}
        measuring={DROP_ZONE_MEASURING}
        onDragStart={onDragStart}
        onDragMove={({ over, collisions }) => replan(over?.id, collisions)}
        onDragOver={({ over, collisions }) => replan(over?.id, collisions)}
        onDragEnd={({ over, collisions }) => {
          replan(over?.id, collisions);
          onDrop();
          endDrag();
        }}
        onDragCancel={endDrag}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("announce.instructions") } }}
      >
        <DropLineContext.Provider value={line}>
          <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[14rem_minmax(0,1fr)_20rem]">
            <Palette />
            <Canvas device={device} />
            <div className="max-h-[calc(100vh-10rem)] overflow-y-auto rounded-lg border border-slate-300 bg-white p-4 lg:sticky lg:top-4">
              <Inspector name={name} onName={setName} />
            </div>
          </div>
        </DropLineContext.Provider>
        {/* What is being dragged follows the pointer; the canvas itself stays still, so the line is the only thing that moves. */}
        <DragOverlay dropAnimation={null}>
          {dragged !== null ? <DragPreview name={dragged} /> : null}
        </DragOverlay>
      </DndContext>
      <p className="sr-only" aria-live="polite" data-testid="designer-announcement">
        {announcement}
      </p>
    </div>
  );
}

function DragPreview({ name }: { name: string }) {
  return (
    <div aria-hidden="true" className="h-full w-full cursor-grabbing rounded-sm border-2 border-sky-700 bg-sky-50/80 shadow-lg">
      <span className="inline-block rounded-br bg-sky-800 px-2 text-xs leading-6 text-white">{name}</span>
    </div>
  );
}
