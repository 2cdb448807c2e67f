import { createContext, useContext } from "react";
import type { RichTextOptions } from "./rich-text";
import type { RendererStrings } from "./strings";
import type {
  ButtonAction,
  ConsentChoices,
  ContentLocale,
  ExperienceDocument,
  ExperienceRendererProps,
  LocalizedText,
  RendererCatalog,
  RendererMode,
  RendererNotice,
} from "./types";

/** What every block component reads; built once per render by ExperienceRenderer. */
export interface RendererContextValue {
  document: ExperienceDocument;
  locale: ContentLocale;
  mode: RendererMode;
  strings: RendererStrings;
  catalog: RendererCatalog | undefined;
  notices: Record<string, RendererNotice> | undefined;
  /** Complete for the current document (see completeChoices). */
  choices: ConsentChoices;
  setChoices: (choices: ConsentChoices) => void;
  act: (action: ButtonAction) => void;
  onLocaleChange: ((locale: ContentLocale) => void) | undefined;
  /** Text in the experience's language, else in its default language, else "". */
  text: (text: LocalizedText | undefined) => string;
  /** A DOM id unique to this renderer instance (several may share a page in the designer). */
  idFor: (blockId: string, part?: string) => string;
  richText: RichTextOptions;
  /** Whether preferences layers are drawn: opened by a button, or showAllLayers. */
  layersVisible: boolean;
  /** Increases each time a button opens the layer; the layer then moves focus to its title. */
  layerOpenCount: number;
  frame: ExperienceRendererProps["frame"];
  list: ExperienceRendererProps["list"];
}

const RendererContext = createContext<RendererContextValue | null>(null);

export const RendererProvider = RendererContext.Provider;

export function useRenderer(): RendererContextValue {
  const value = useContext(RendererContext);
  if (value === null) throw new Error("Block components render only inside ExperienceRenderer");
  return value;
}
