"use client";

import { DndContext, KeyboardSensor, MeasuringStrategy, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Catalog } from "@/lib/catalog/catalog";
import { BLOCK_CATALOG, findBlock, type BlockType, type ExperienceDocument } from "@/lib/experience";
import { newBlockId } from "./block-ids";
import { Canvas } from "./canvas";
import { DesignerProvider, useDesigner, type DesignerNotice } from "./designer-context";
import type { Device } from "./devices";
import { dropTarget, innermostCollision, listLength, positionOfBlock } from "./drag-and-drop";
import { Inspector } from "./inspector/inspector";
import { Palette } from "./palette";
import { Toolbar } from "./toolbar";
import { useAutosave } from "./use-autosave";

// Drop zones move while a drag is in progress (lists open a gap, containers grow), so they are
// measured continuously: a drop lands where the pointer is now, not where a zone was a moment ago.
const DROP_ZONE_MEASURING = { droppable: { strategy: MeasuringStrategy.Always } };

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
  const { state, dispatch, workspaceId, experienceId, canEdit, blockName, announcement } = useDesigner();
  const [name, setName] = useState(initialName);
  const [device, setDevice] = useState<Device>("desktop");
  const autosave = useAutosave({ workspaceId, experienceId, name, document: state.document, initialRevision, enabled: canEdit });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const nameOf = (id: string | number): string => {
    const key = String(id);
    if (key.startsWith("palette:")) return blockName(key.slice("palette:".length) as BlockType);
    const visit = findBlock(state.document, key);
    return visit ? blockName(visit.block) : "";
  };
  const describePlace = (activeId: string | number, overId: string | number | undefined, key: "over" | "dropped") => {
    if (overId === undefined) return "";
    const target = dropTarget(state.document, String(overId));
    if (!target) return "";
    // A block arriving from the palette or another list makes the target list one longer.
    const from = findBlock(state.document, String(activeId));
    const arriving = !from || from.parentId !== target.parentId;
    const count = listLength(state.document, target.parentId) + (arriving ? 1 : 0);
    return t(`announce.${key}`, { block: nameOf(activeId), position: Math.min(target.index + 1, count), count });
  };
  // Screen readers hear block names in the operator's language, never raw ids.
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const place = positionOfBlock(state.document, String(active.id));
      return place ? t("announce.pickedUp", { block: nameOf(active.id), ...place }) : t("announce.pickedUp", { block: nameOf(active.id), position: 1, count: 1 });
    },
    onDragOver: ({ active, over }) => describePlace(active.id, over?.id, "over"),
    onDragEnd: ({ active, over }) => describePlace(active.id, over?.id, "dropped"),
    onDragCancel: ({ active }) => t("announce.cancelled", { block: nameOf(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const target = dropTarget(state.document, String(over.id));
    if (!target) return;
    const source = String(active.id);
    if (source.startsWith("palette:")) {
      const type = source.slice("palette:".length) as BlockType;
      const block = BLOCK_CATALOG.find((entry) => entry.type === type)!.create(newBlockId, state.document.locales);
      dispatch({ type: "add_block", block, ...target });
      dispatch({ type: "select", id: block.id });
      return;
    }
    dispatch({ type: "move_block", id: source, ...target });
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar device={device} onDevice={setDevice} status={autosave.status} onOverwrite={autosave.overwrite} />
      <DndContext sensors={sensors} collisionDetection={innermostCollision} measuring={DROP_ZONE_MEASURING} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t("announce.instructions") } }}>
        <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[14rem_minmax(0,1fr)_20rem]">
          <Palette />
          <Canvas device={device} />
          <div className="max-h-[calc(100vh-10rem)] overflow-y-auto rounded-lg border border-slate-300 bg-white p-4 lg:sticky lg:top-4">
            <Inspector name={name} onName={setName} />
          </div>
        </div>
      </DndContext>
      <p className="sr-only" aria-live="polite" data-testid="designer-announcement">
        {announcement}
      </p>
    </div>
  );
}
