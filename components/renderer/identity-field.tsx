import { useRenderer } from "./context";
import type { BlockOfType, IdentifierKind } from "./types";

const INPUT: Record<IdentifierKind, { type: string; autoComplete: string; inputMode: "email" | "tel" | "text" }> = {
  email: { type: "email", autoComplete: "email", inputMode: "email" },
  phone: { type: "tel", autoComplete: "tel", inputMode: "tel" },
  member_id: { type: "text", autoComplete: "off", inputMode: "text" },
};

/** How the subject identifies themselves, so their choices can be kept and found again. */
export function IdentityFieldView({ block }: { block: BlockOfType<"identity_field"> }) {
  const { text, strings, choices, setChoices, idFor } = useRenderer();
  const id = idFor(block.id, "input");
  const input = INPUT[block.identifier];
  const value = choices.identity?.kind === block.identifier ? choices.identity.value : "";
  return (
    <div className="csy-field">
      <label className="csy-label" htmlFor={id}>
        {text(block.label) || strings.identity[block.identifier]}
        {block.required && <span className="csy-muted"> ({strings.required})</span>}
      </label>
      <input
        id={id}
        className="csy-input"
        type={input.type}
        autoComplete={input.autoComplete}
        inputMode={input.inputMode}
        spellCheck={false}
        autoCapitalize="none"
        required={block.required}
        aria-required={block.required || undefined}
        value={value}
        onChange={(event) => {
          const next = event.currentTarget.value;
          setChoices({ ...choices, identity: next === "" ? null : { kind: block.identifier, value: next } });
        }}
      />
    </div>
  );
}
