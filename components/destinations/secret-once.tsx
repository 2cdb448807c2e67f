"use client";

/** A secret shown once, read-only and selected on focus, for copying into the receiver. */
export function SecretOnce({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <input id={id} readOnly value={value} className="min-h-10 rounded-md border border-slate-500 bg-white px-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}
