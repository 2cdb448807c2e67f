import type { ReactNode } from "react";
import type { Block, BlockOfType, ContentLocale, ExperienceDocument, LocalizedText } from "@/lib/experience";
import type { ButtonAction, ConsentChoices, RendererCatalog, RendererMode, RendererNotice } from "@/lib/renderer-model/types";

/*
 * Only types come from "@/lib/experience": its modules build zod schemas at load time, and the
 * renderer is also bundled into the embeddable script, which must stay small. Type imports are
 * erased, so the renderer has no run-time dependency on zod.
 */

export type { Block, BlockOfType, ContentLocale, ExperienceDocument, LocalizedText };
export type {
  ButtonAction,
  Channel,
  ConsentChoices,
  FrequencyPeriod,
  IdentifierKind,
  RendererCatalog,
  RendererMode,
  RendererNotice,
} from "@/lib/renderer-model/types";

export interface BlockFrameProps {
  block: Block;
  parentId: string | null;
  index: number;
  depth: number;
  children: ReactNode;
}

export interface BlockListProps {
  parentId: string | null;
  blocks: Block[];
  children: ReactNode;
}

export interface ExperienceRendererProps {
  document: ExperienceDocument;
  /** Language to show; each text falls back to `document.defaultLocale`. */
  locale: ContentLocale;
  /** preview: designer canvas or preview link, nothing is recorded; live: end users. */
  mode: RendererMode;
  /** Labels fall back to catalog names when a block's own label is empty. */
  catalog?: RendererCatalog;
  /** Keyed by notice id; without an entry the notice block shows its placeholder. */
  notices?: Record<string, RendererNotice>;
  /** Controlled state; without it the renderer keeps its own, starting from `initialChoices`. */
  choices?: ConsentChoices;
  onChoicesChange?: (choices: ConsentChoices) => void;
  onAction?: (action: ButtonAction, choices: ConsentChoices) => void;
  onLocaleChange?: (locale: ContentLocale) => void;
  /** Purposes an honoured Global Privacy Control signal opted out of: "Accept all" leaves them as they are. */
  gpcOptOut?: readonly string[];
  /** Position banners and popups inside the nearest positioned ancestor, not the viewport. */
  contained?: boolean;
  /**
   * Draw the experience in the page's flow whatever its kind: no backdrop, no modal dialog, no
   * focus trap. The preference centre: withdrawing must be as easy to reach as consenting was.
   */
  inline?: boolean;
  /**
   * Include the renderer's <style> element (the default). The embed ships STYLESHEET in its
   * script and injects server-rendered markup without it (lib/public/live-markup.tsx).
   */
  stylesheet?: boolean;
  /** Show the preferences layer inline, open, so the designer can edit it. */
  showAllLayers?: boolean;
  /** Wraps every block once (designer: selection, drag handles). */
  frame?: (props: BlockFrameProps) => ReactNode;
  /** Wraps every list of blocks once: the root, each container, each preferences layer. */
  list?: (props: BlockListProps) => ReactNode;
}
