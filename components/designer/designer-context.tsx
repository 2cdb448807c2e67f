"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useReducer, useRef, useState } from "react";
import type { Catalog } from "@/lib/catalog/catalog";
import { designerReducer, initialDesignerState, type DesignerAction, type DesignerState } from "@/lib/designer";
import type { Block, BlockType, ExperienceDocument, Locale } from "@/lib/experience";

/**
 * Editor state lives in one pure reducer (lib/designer) and reaches components through this
 * context, not through props: palette, canvas, inspector and toolbar each read what they need.
 */
/** A notice the notice block can point at, with its latest version's sanitized HTML per language. */
export interface DesignerNotice {
  id: string;
  name: string;
  html: Partial<Record<Locale, string>>;
}

interface DesignerContextValue {
  state: DesignerState;
  dispatch: (action: DesignerAction) => void;
  catalog: Catalog;
  notices: DesignerNotice[];
  workspaceId: string;
  experienceId: string;
  canEdit: boolean;
  /** A block's name in the operator's language ("Heading", "标题"), for labels and announcements. */
  blockName: (block: Block | BlockType) => string;
  /** Says something to screen-reader users through the designer's polite live region. */
  announce: (message: string) => void;
  announcement: string;
  /** Where keyboard focus should go next (a block's handle, the inspector): set, then consumed by that element. */
  focusRequest: React.RefObject<{ target: "block" | "inspector"; id?: string } | null>;
  /**
   * Leaves block `id`: nothing is selected (the inspector shows the experience's settings again)
   * and keyboard focus returns to the block's handle on the canvas.
   */
  closeBlock: (id: string) => void;
}

const DesignerContext = createContext<DesignerContextValue | null>(null);

export function DesignerProvider({
  document,
  catalog,
  notices,
  workspaceId,
  experienceId,
  canEdit,
  children,
}: {
  document: ExperienceDocument;
  catalog: Catalog;
  notices: DesignerNotice[];
  workspaceId: string;
  experienceId: string;
  canEdit: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations("designer.blocks");
  const [state, rawDispatch] = useReducer(designerReducer, document, initialDesignerState);
  const [announcement, setAnnouncement] = useState("");
  const focusRequest = useRef<{ target: "block" | "inspector"; id?: string } | null>(null);
  // A viewer may look around (select, preview a language) but never change the document.
  const dispatch = useCallback(
    (action: DesignerAction) => {
      if (!canEdit && !["select", "set_preview_locale", "set_preview_region"].includes(action.type)) return;
      rawDispatch(action);
    },
    [canEdit],
  );
  const blockName = useCallback((block: Block | BlockType) => t(typeof block === "string" ? block : block.type), [t]);
  const announce = useCallback((message: string) => {
    // Re-set even when the text repeats, so the live region speaks again.
    setAnnouncement("");
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);
  const closeBlock = useCallback(
    (id: string) => {
      focusRequest.current = { target: "block", id };
      dispatch({ type: "select", id: null });
    },
    [dispatch],
  );
  const value = useMemo(
    () => ({ state, dispatch, catalog, notices, workspaceId, experienceId, canEdit, blockName, announce, announcement, focusRequest, closeBlock }),
    [state, dispatch, catalog, notices, workspaceId, experienceId, canEdit, blockName, announce, announcement, closeBlock],
  );
  return <DesignerContext.Provider value={value}>{children}</DesignerContext.Provider>;
}

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("useDesigner outside DesignerProvider");
  return value;
}
