"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/console/action-result";

/** Announces an action's outcome: the translated error, or a success message when given. */
export function FormAlert({ state, success }: { state: ActionState<unknown>; success?: string }) {
  const t = useTranslations("errors");
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-sm text-emerald-900">
        {success}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
      {t(state.error)}
    </p>
  );
}

/** What the person had typed into a field before a failed action reset the form. */
export function submittedValue(state: ActionState<unknown>, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}

/** The translated message for one field of a failed action, if it failed on that field. */
export function useFieldError(state: ActionState<unknown>) {
  const t = useTranslations("errors.fields");
  return (field: string): string | undefined => {
    if (!state || state.ok || !state.fields?.[field]) return undefined;
    const code = state.fields[field];
    return t.has(code) ? t(code) : t("invalid");
  };
}
