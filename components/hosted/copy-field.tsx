"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

/** A read-only value with a Copy button that says when it has copied (announced politely). */
export function CopyField({ label, value, hint, multiline, testId }: { label: string; value: string; hint?: string; multiline?: boolean; testId?: string }) {
  const t = useTranslations("liveLinks");
  const id = useId();
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  const control = "w-full rounded-md border border-slate-500 bg-slate-50 px-3 py-2 font-mono text-sm focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-sky-600";
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        {multiline ? (
          <textarea id={id} readOnly value={value} rows={2} className={control} data-testid={testId} aria-describedby={hint ? `${id}-hint` : undefined} onFocus={(event) => event.currentTarget.select()} />
        ) : (
          <input id={id} readOnly value={value} className={control} data-testid={testId} onFocus={(event) => event.currentTarget.select()} />
        )}
        <button type="button" className={buttonClass("secondary")} onClick={copy} aria-label={t("copyThe", { what: label })}>
          {t("copy")}
        </button>
      </div>
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-700">{hint}</p> : null}
      <p role="status" className="text-xs text-slate-700">{copied === "idle" ? "" : t(copied)}</p>
    </div>
  );
}
