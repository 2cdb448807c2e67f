import { useRenderer } from "./context";
import { formatCount } from "./strings";
import type { BlockOfType } from "./types";

/** "At most N per week/month", or no limit (the default: a limit is the subject's to set). */
export function FrequencyCapView({ block }: { block: BlockOfType<"frequency_cap"> }) {
  const { text, strings, choices, setChoices, idFor } = useRenderer();
  const name = idFor(block.id, "cap");
  const current = choices.frequencyCap;
  const options: { value: string; label: string; cap: typeof current }[] = [
    ...block.choices.map((max) => ({
      value: String(max),
      label: formatCount(strings.atMost[block.period], max),
      cap: { max, period: block.period },
    })),
    { value: "none", label: strings.noLimit, cap: null },
  ];
  return (
    <fieldset className="csy-fieldset">
      <legend className="csy-legend">{text(block.label) || strings.frequencyLegend}</legend>
      {options.map((option) => (
        <label key={option.value} className="csy-check">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={
              option.cap === null
                ? current === null
                : current !== null && current.max === option.cap.max && current.period === option.cap.period
            }
            onChange={() => setChoices({ ...choices, frequencyCap: option.cap })}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
