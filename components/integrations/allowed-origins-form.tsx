"use client";

import { useTranslations } from "next-intl";
import { setAllowedOriginsAction } from "@/lib/actions/console/integrations";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";

export function AllowedOriginsForm({ workspaceId, experienceId, origins }: { workspaceId: string; experienceId: string; origins: string[] }) {
  const t = useTranslations("integration");
  return (
    <ActionForm action={setAllowedOriginsAction} hidden={{ workspaceId, experienceId }} className="flex flex-col gap-2" success={t("saved")}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("allowedOrigins")}
        <textarea name="origins" defaultValue={origins.join("\n")} rows={3} className="rounded-md border border-slate-500 p-2 font-mono text-sm font-normal" />
      </label>
      <p className="text-xs text-slate-700">{t("allowedOriginsHint")}</p>
      <div>
        <SubmitButton tone="secondary" pendingLabel={t("saving")}>{t("saveOrigins")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
