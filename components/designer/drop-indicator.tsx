"use client";

import { createContext, useContext } from "react";

/** Where the insertion line is drawn while dragging: before block `beforeId` of list `parentId`, or at its end (null). */
export interface DropLine {
  parentId: string | null;
  beforeId: string | null;
}

export const DropLineContext = createContext<DropLine | null>(null);

/** True when the line belongs before block `beforeId` (null: at the end) of list `parentId`. */
export function useDropLineAt(parentId: string | null, beforeId: string | null): boolean {
  const line = useContext(DropLineContext);
  return line !== null && line.parentId === parentId && line.beforeId === beforeId;
}

/**
 * The line itself: drawn over the gap without taking room, so showing it never moves the blocks
 * the pointer is measured against. Visual only; the drag's live region says the position.
 */
export function InsertionLine() {
  return <span aria-hidden="true" data-testid="drop-indicator" className="pointer-events-none absolute inset-x-0 -top-1.5 z-20 h-1 rounded-full bg-sky-700 shadow-[0_0_0_1px_white]" />;
}
