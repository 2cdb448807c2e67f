"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { replayDeliveriesAction } from "@/lib/actions/console/destinations";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Sends a time range of changes again (new message ids), optionally one person's only. */
export function ReplayForm({ workspaceId, destinationId, defaultFrom, defaultTo }: { workspaceId: string; destinationId: string; defaultFrom: string; defaultTo: string }) {
  const t = useTranslations("destinations");
  const [state, action] = useActionState(replayDeliveriesAction, null);
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={t("replay.label")}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="destinationId" value={destinationId} />
      <p className="text-sm text-slate-700">{t("replay.intro")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label={t("replay.from")} name="from" type="datetime-local" required defaultValue={defaultFrom} />
        <Field label={t("replay.to")} name="to" type="datetime-local" required defaultValue={defaultTo} />
        <Field label={t("replay.person")} name="person" maxLength={36} hint={t("replay.personHint")} />
      </div>
      <div>
        <SubmitButton tone="secondary" pendingLabel={t("working")}>{t("replay.submit")}</SubmitButton>
      </div>
      <FormAlert state={state} success={state?.ok ? t("replay.done", { count: state.data.made }) : undefined} />
    </form>
  );
}
