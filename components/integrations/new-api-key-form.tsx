"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createApiKeyAction } from "@/lib/actions/console/integrations";
import { Field } from "@/components/ui/field";
import { FormAlert, useFieldError } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { API_KEY_SCOPES } from "@/lib/consent/api-keys";

/** Creates a server API key and shows its secret once. */
export function NewApiKeyForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("apiKeys");
  const [state, action] = useActionState(createApiKeyAction, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <Field label={t("name")} name="name" required maxLength={100} error={fieldError("name")} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{t("scopes")}</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-2 text-sm">
            {/* Managing where consent data goes is not a default of every new key. */}
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope !== "destinations:manage"} className="size-5" />
            <code>{scope}</code> — {t(`scopeNames.${scope.replace(":", "_")}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </div>
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {state?.ok ? (
        <div role="status" className="flex flex-col gap-1 rounded-md border border-emerald-700 bg-emerald-50 p-3">
          <label htmlFor="new-api-key" className="text-sm font-medium">{t("secretOnce")}</label>
          <input id="new-api-key" readOnly value={state.data.secret} className="min-h-10 rounded-md border border-slate-500 bg-white px-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </form>
  );
}
