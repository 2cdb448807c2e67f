import { useRenderer } from "./context";
import type { BlockOfType } from "./types";

/**
 * Styled by emphasis only, never by action: "reject all" looks exactly like "accept all" when
 * the customer gives both the same emphasis (EDPB banner report, CCPA symmetry in choice).
 * Buttons never submit anything themselves; the host records what onAction hands it.
 */
export function ButtonView({ block }: { block: BlockOfType<"button"> }) {
  const { text, strings, act, layersVisible, document, idFor } = useRenderer();
  const layer = block.action === "open_preferences" ? document.blocks.find((b) => b.type === "preferences_layer") : undefined;
  return (
    <button
      type="button"
      className={`csy-button csy-${block.emphasis === "primary" ? "primary" : "secondary"}`}
      data-action={block.action}
      // A disclosure: tells screen readers the second layer opened below.
      aria-expanded={layer ? layersVisible : undefined}
      aria-controls={layer ? idFor(layer.id) : undefined}
      onClick={() => act(block.action)}
    >
      {text(block.label) || strings.buttons[block.action]}
    </button>
  );
}
