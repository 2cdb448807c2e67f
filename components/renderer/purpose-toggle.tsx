import { purposeKey } from "@/lib/renderer-model/choices";
import { useRenderer } from "./context";
import type { BlockOfType } from "./types";

/**
 * One switch per purpose, never one for several (GDPR recital 32; PIPL separate consent). A
 * required purpose is shown ticked and locked with the words "Always on", so nobody has to
 * infer its state from a greyed-out control.
 */
export function PurposeToggleView({ block }: { block: BlockOfType<"purpose_toggle"> }) {
  const { text, strings, catalog, choices, setChoices, idFor } = useRenderer();
  const key = purposeKey(block);
  const purpose = block.purposeId === null ? undefined : catalog?.purposes[block.purposeId];
  const label = text(block.label) || text(purpose?.name) || strings.unnamedPurpose;
  const description = text(block.description) || text(purpose?.description);
  const checked = block.required || (choices.purposes[key] ?? block.defaultOn);
  const inputId = idFor(block.id, "switch");
  const descriptionId = idFor(block.id, "description");
  const alwaysOnId = idFor(block.id, "always-on");
  const describedBy = [block.required ? alwaysOnId : "", description ? descriptionId : ""].filter(Boolean).join(" ");

  return (
    <div className="csy-purpose" data-purpose-id={block.purposeId ?? undefined}>
      <div className="csy-toggle">
        <label className="csy-toggle-label" htmlFor={inputId}>
          {label}
        </label>
        {block.required && (
          <span id={alwaysOnId} className="csy-always-on">
            {strings.alwaysOn}
          </span>
        )}
        <input
          id={inputId}
          className="csy-switch"
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={block.required}
          data-csy-purpose={key}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            if (block.required) return;
            setChoices({ ...choices, purposes: { ...choices.purposes, [key]: event.currentTarget.checked } });
          }}
        />
      </div>
      {description && (
        <p id={descriptionId} className="csy-description">
          {description}
        </p>
      )}
    </div>
  );
}
