"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { approveNoticeAction, rejectNoticeAction } from "@/lib/actions/console/notices";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Approve, or reject with a comment. The database decides whether this reviewer may (legal/owner, not the author). */
export function ReviewForms({ workspaceId, noticeId, versionId }: { workspaceId: string; noticeId: string; versionId: string }) {
  const t = useTranslations("notices");
  const [approved, approve] = useActionState(approveNoticeAction, null);
  const [rejected, reject] = useActionState(rejectNoticeAction, null);
  const hidden = (
    <>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="noticeId" value={noticeId} />
      <input type="hidden" name="versionId" value={versionId} />
    </>
  );
  return (
    <div className="flex flex-col gap-4">
      <form action={approve} className="flex flex-col gap-2">
        {hidden}
        <FormAlert state={approved} success={t("approvedMessage")} />
        <div>
          <SubmitButton pendingLabel={t("working")}>{t("approve")}</SubmitButton>
        </div>
      </form>
      <form action={reject} className="flex flex-col gap-2">
        {hidden}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("rejectComment")}
          <textarea name="comment" required maxLength={2000} className="min-h-20 rounded-md border border-slate-500 p-2 font-normal" />
        </label>
        <FormAlert state={rejected} success={t("rejectedMessage")} />
        <div>
          <SubmitButton tone="danger" pendingLabel={t("working")}>{t("reject")}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
