"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { inviteMemberAction } from "@/lib/actions/console/tenancy";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { FormAlert, submittedValue, useFieldError } from "@/components/ui/form-alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Creates an invitation and shows its link once: only its hash is kept, so it cannot be shown again. */
export function InviteForm({ workspaceId, locale, roleOptions }: { workspaceId: string; locale: string; roleOptions: { value: string; label: string }[] }) {
  const t = useTranslations("members");
  const [state, action] = useActionState(inviteMemberAction, null);
  const fieldError = useFieldError(state);
  // The link last copied: a new invitation's link shows "Copy" again without resetting state.
  const [copiedLink, setCopiedLink] = useState<string | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const link = state?.ok ? new URL(state.data.link, window.location.origin).toString() : null;
  const copied = link !== null && copiedLink === link;
  useEffect(() => {
    if (link) linkRef.current?.focus();
  }, [link]);
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="locale" value={locale} />
        <Field
          label={t("inviteEmail")}
          name="email"
          type="email"
          required
          className="min-w-64 flex-1"
          defaultValue={submittedValue(state, "email")}
          error={fieldError("email")}
        />
        <SelectField label={t("inviteRole")} name="role" defaultValue="editor" options={roleOptions} />
        <SubmitButton pendingLabel={t("saving")}>{t("inviteSubmit")}</SubmitButton>
      </form>
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {link ? (
        <div role="status" className="flex flex-col gap-2 rounded-md border border-emerald-700 bg-emerald-50 p-4">
          <label htmlFor="invitation-link" className="text-sm font-medium">
            {t("linkReady")}
          </label>
          <div className="flex flex-wrap gap-2">
            <input id="invitation-link" ref={linkRef} readOnly value={link} className="min-h-10 flex-1 rounded-md border border-slate-500 bg-white px-3 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className={buttonClass("secondary")}
              onClick={async () => {
                await navigator.clipboard?.writeText(link).catch(() => undefined);
                setCopiedLink(link);
              }}
            >
              {copied ? t("copied") : t("copy")}
            </button>
          </div>
          <p className="text-sm text-slate-700">{t("linkOnce")}</p>
        </div>
      ) : null}
    </div>
  );
}
