"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/console/action-result";
import { FormAlert } from "./form-alert";

/**
 * A small form bound to one Server Action, with its hidden fields and its outcome announced
 * beside it (e.g. "a workspace must keep an owner" under a role change).
 */
export function ActionForm({
  action,
  hidden,
  children,
  className,
  success,
  label,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  children: React.ReactNode;
  className?: string;
  success?: string;
  label?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className} aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <FormAlert state={state} success={success} />
    </form>
  );
}
