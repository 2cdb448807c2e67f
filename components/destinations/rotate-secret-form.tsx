"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { rotateDestinationSecretAction } from "@/lib/actions/console/destinations";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { SecretOnce } from "./secret-once";

/** A new signing secret, shown here once; the old one keeps signing alongside for 24 hours. */
export function RotateSecretForm({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const t = useTranslations("destinations");
  const [state, action] = useActionState(rotateDestinationSecretAction, null);
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={t("rotate.label")}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="destinationId" value={destinationId} />
      <p className="text-sm text-slate-700">{t("rotate.intro")}</p>
      <div>
        <SubmitButton tone="secondary" pendingLabel={t("working")}>{t("rotate.submit")}</SubmitButton>
      </div>
      <FormAlert state={state} />
      {state?.ok ? (
        <div role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3">
          <SecretOnce id="rotated-destination-secret" label={t("rotate.newSecret")} value={state.data.signingSecret} />
        </div>
      ) : null}
    </form>
  );
}
