import { useRenderer } from "./context";
import { CheckRow } from "./preference-blocks";
import { formatZone } from "./strings";
import type { BlockOfType } from "./types";

/** The subject's own zone, known only in their browser; "UTC" where the platform hides it. */
function subjectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * A window in which the subject is not contacted; it may cross midnight (21:00-09:00). Off
 * until the subject turns it on or changes a time: the block's times are a suggestion.
 */
export function QuietHoursView({ block }: { block: BlockOfType<"quiet_hours"> }) {
  const { text, strings, choices, setChoices, idFor } = useRenderer();
  const chosen = choices.quietHours;
  const start = chosen?.start ?? block.defaultStart;
  const end = chosen?.end ?? block.defaultEnd;
  // Resolved when the subject acts (a browser event), never while rendering on the server.
  const zone = () => (block.timeZone === "subject" ? subjectTimeZone() : block.timeZone);
  const set = (next: { start: string; end: string }) =>
    setChoices({ ...choices, quietHours: { ...next, timeZone: chosen?.timeZone ?? zone() } });
  const timeField = (part: "start" | "end", label: string, value: string) => {
    const id = idFor(block.id, part);
    return (
      <div className="csy-field">
        <label className="csy-label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          className="csy-input"
          type="time"
          value={value}
          onChange={(event) => {
            const time = event.currentTarget.value;
            if (time !== "") set(part === "start" ? { start: time, end } : { start, end: time });
          }}
        />
      </div>
    );
  };
  return (
    <fieldset className="csy-fieldset">
      <legend className="csy-legend">{text(block.label) || strings.quietHoursLegend}</legend>
      <CheckRow
        value="on"
        label={strings.quietHoursEnable}
        checked={chosen !== null}
        onChange={(on) => (on ? set({ start, end }) : setChoices({ ...choices, quietHours: null }))}
      />
      <div className="csy-times">
        {timeField("start", strings.from, start)}
        {timeField("end", strings.to, end)}
      </div>
      <p className="csy-muted">
        {formatZone(strings.timeZone, block.timeZone === "subject" ? strings.subjectTimeZone : block.timeZone.replace(/_/g, " "))}
      </p>
    </fieldset>
  );
}
