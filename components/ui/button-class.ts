export type ButtonTone = "primary" | "secondary" | "danger";

const base =
  "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium min-h-10 " +
  "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60";

const tones: Record<ButtonTone, string> = {
  primary: "bg-sky-800 text-white hover:bg-sky-900",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
};

export function buttonClass(tone: ButtonTone = "primary"): string {
  return `${base} ${tones[tone]}`;
}
