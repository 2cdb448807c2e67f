"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { verifyAuditChainAction } from "@/lib/actions/console/tenancy";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Re-computes the workspace's hash chain in the database and says whether it holds, and where not. */
export function VerifyChain({ workspaceId, locale }: { workspaceId: string; locale: string }) {
  const t = useTranslations("audit");
  const [state, action] = useActionState(verifyAuditChainAction, null);
  const report = state?.ok ? state.data : null;
  return (
    <form action={action} className="flex max-w-md flex-col items-end gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="locale" value={locale} />
      <SubmitButton tone="secondary" pendingLabel={t("verifying")}>
        {t("verify")}
      </SubmitButton>
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {report ? (
        <p
          role="status"
          data-testid="chain-report"
          className={`rounded-md border p-3 text-sm ${report.valid ? "border-emerald-700 bg-emerald-50 text-emerald-900" : "border-red-700 bg-red-50 text-red-900"}`}
        >
          {report.valid
            ? t("chainValid", { count: report.checkedRows })
            : t("chainBroken", { seq: report.firstInvalidSeq ?? 0, reason: t(`reasons.${report.reason ?? "hash_mismatch"}`) })}
        </p>
      ) : null}
    </form>
  );
}
