import { useEffect, useRef } from "react";
import { BlockList } from "./block-tree";
import { useRenderer } from "./context";
import type { BlockOfType } from "./types";

/** Blocks stacked, or side by side in 2-3 columns that collapse to one when narrow. */
export function ContainerView({ block, depth }: { block: BlockOfType<"container">; depth: number }) {
  const className = block.layout === "columns" ? `csy-columns csy-cols-${block.columns === 3 ? 3 : 2}` : "csy-stack";
  return <BlockList blocks={block.blocks} parentId={block.id} depth={depth + 1} className={className} />;
}

/**
 * The "manage preferences" second layer. Hidden until a button opened it (or the designer shows
 * all layers); when a button opens it, focus moves to its title so keyboard and screen-reader
 * users land where the new content starts.
 */
export function PreferencesLayerView({
  block,
  depth,
  hidden = false,
}: {
  block: BlockOfType<"preferences_layer">;
  depth: number;
  hidden?: boolean;
}) {
  const { text, strings, idFor, layerOpenCount } = useRenderer();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (layerOpenCount > 0) titleRef.current?.focus();
  }, [layerOpenCount]);
  const titleId = idFor(block.id, "title");
  return (
    <section id={idFor(block.id)} className="csy-layer" aria-labelledby={titleId} data-csy-layer="" hidden={hidden}>
      <h2 id={titleId} ref={titleRef} className="csy-heading csy-h2" tabIndex={-1}>
        {text(block.title) || strings.preferences}
      </h2>
      <BlockList blocks={block.blocks} parentId={block.id} depth={depth + 1} className="csy-stack" />
    </section>
  );
}
