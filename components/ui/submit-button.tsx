"use client";

import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonTone } from "./button-class";

/** A form's submit button: disabled and marked busy while the action runs. */
export function SubmitButton({ children, tone = "primary", pendingLabel }: { children: React.ReactNode; tone?: ButtonTone; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={buttonClass(tone)} disabled={pending} aria-busy={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
