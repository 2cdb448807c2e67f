"use client";

import { useCallback, useId, useState, type ReactElement } from "react";
import { BlockList } from "./block-tree";
import { allBlocks, choicesForAction, completeChoices, initialChoices } from "@/lib/renderer-model/choices";
import { RendererProvider, type RendererContextValue } from "./context";
import { safeImageSrc } from "./href";
import { rendererStrings } from "./strings";
import { STYLESHEET } from "./styles";
import { Surface } from "./surface";
import { localText } from "./text";
import { themeVariables } from "./theme";
import type { Block, ButtonAction, ConsentChoices, ExperienceRendererProps } from "./types";

/** The first heading with words outside the preferences layer: what names a banner or popup. */
function firstHeading(blocks: readonly Block[]): Block | undefined {
  for (const block of blocks) {
    if (block.type === "heading" && Object.values(block.text).some((t) => (t ?? "").trim() !== "")) return block;
    if (block.type === "container") {
      const inside = firstHeading(block.blocks);
      if (inside) return inside;
    }
  }
  return undefined;
}

/**
 * THE renderer of an experience document, used by the designer canvas, preview links, hosted
 * pages and the embed. It takes data and callbacks and never fetches or records anything:
 * recording is the caller's, on `onAction`.
 */
export function ExperienceRenderer(props: ExperienceRendererProps): ReactElement {
  const { document, locale, mode, catalog, notices, onChoicesChange, onAction, onLocaleChange } = props;
  const instanceId = useId();
  const [ownChoices, setOwnChoices] = useState<ConsentChoices>(() => initialChoices(document));
  const [layerOpen, setLayerOpen] = useState(false);
  const [layerOpenCount, setLayerOpenCount] = useState(0);

  const choices = completeChoices(document, props.choices ?? ownChoices);
  const controlled = props.choices !== undefined;
  const setChoices = useCallback(
    (next: ConsentChoices) => {
      if (!controlled) setOwnChoices(next);
      onChoicesChange?.(next);
    },
    [controlled, onChoicesChange],
  );

  const act = (action: ButtonAction) => {
    const next = choicesForAction(document, action, choices, catalog, { gpcOptOut: props.gpcOptOut });
    if (action === "accept_all" || action === "reject_all") setChoices(next);
    if (action === "open_preferences") {
      setLayerOpen(true);
      setLayerOpenCount((count) => count + 1);
    }
    onAction?.(action, next);
  };

  const strings = rendererStrings(locale);
  const text = (value: Parameters<typeof localText>[0]) => localText(value, locale, document.defaultLocale);
  // ":" never occurs in block ids, so "a" + "title" and a block "a-title" cannot collide.
  const idFor = (blockId: string, part?: string) => `csy${instanceId}:${blockId}${part ? `:${part}` : ""}`;
  const context: RendererContextValue = {
    document,
    locale,
    mode,
    strings,
    catalog,
    notices,
    choices,
    setChoices,
    act,
    onLocaleChange,
    text,
    idFor,
    richText: { newTabHint: strings.opensInNewTab, alwaysNewTab: mode === "preview" },
    layersVisible: props.showAllLayers === true || layerOpen,
    layerOpenCount,
    frame: props.frame,
    list: props.list,
  };

  const heading = firstHeading(document.blocks);
  const hasCloseButton = allBlocks(document.blocks).some((b) => b.type === "button" && b.action === "close");
  const logo = document.theme.logo;
  const logoSrc = logo ? safeImageSrc(logo.src) : null;

  return (
    <RendererProvider value={context}>
      <div className="csy-root" lang={locale} data-kind={document.kind} style={themeVariables(document.theme, locale)}>
        {props.stylesheet !== false && <style>{STYLESHEET}</style>}
        <Surface
          kind={document.kind}
          position={document.theme.position}
          mode={mode}
          contained={props.contained === true}
          inline={props.inline === true}
          labelledBy={heading ? idFor(heading.id) : null}
          label={strings.dialogLabel}
          onEscape={hasCloseButton ? () => act("close") : null}
        >
          {logo && logoSrc && <img className="csy-image csy-logo" src={logoSrc} alt={text(logo.alt)} referrerPolicy="no-referrer" />}
          <BlockList blocks={document.blocks} parentId={null} depth={0} className="csy-stack" />
        </Surface>
      </div>
    </RendererProvider>
  );
}
