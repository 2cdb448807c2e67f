import { useId } from "react";

interface SelectFieldProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  options: { value: string; label: string }[];
  /** Keep the label for screen readers only (a compact control in a table row). */
  hideLabel?: boolean;
}

export function SelectField({ label, options, hideLabel, className, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium text-slate-900"}>
        {label}
      </label>
      <select
        id={id}
        className="min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
