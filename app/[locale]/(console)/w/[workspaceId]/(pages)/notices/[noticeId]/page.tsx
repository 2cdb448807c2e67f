import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { createNoticeVersionAction } from "@/lib/actions/console/notices";
import { NoticeStatusBadge } from "@/components/notices/status-badge";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { getNotice } from "@/lib/notices/notices";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string; noticeId: string }> };

export default async function NoticePage({ params }: Props) {
  const { locale, workspaceId, noticeId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!/^[0-9a-f-]{36}$/i.test(noticeId)) notFound();
  const [notice, t, format] = await Promise.all([readAsOperator((sql) => getNotice(sql, workspace.id, noticeId)), getTranslations("notices"), getFormatter()]);
  if (!notice) notFound();
  const open = notice.versions.some((version) => version.status === "draft" || version.status === "in_review" || version.status === "rejected");
  return (
    <>
      <div>
        <Link href={`/w/${workspace.id}/notices`} className="text-sm text-sky-800 underline">{t("title")}</Link>
        <h1 className="text-2xl font-semibold" data-testid="notice-name">{notice.name}</h1>
        <p className="text-sm text-slate-700">{t(`kinds.${notice.kind}`)}</p>
      </div>
      <section aria-labelledby="versions-heading" className="flex flex-col gap-3">
        <h2 id="versions-heading" className="text-lg font-medium">{t("versions")}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("version")}</th>
                <th scope="col" className="px-3 py-2">{t("statusLabel")}</th>
                <th scope="col" className="px-3 py-2">{t("author")}</th>
                <th scope="col" className="px-3 py-2">{t("changeSummary")}</th>
                <th scope="col" className="px-3 py-2">{t("reviewed")}</th>
              </tr>
            </thead>
            <tbody>
              {notice.versions.map((version) => (
                <tr key={version.id} className="border-t border-slate-200" data-testid="version-row">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link href={`/w/${workspace.id}/notices/${notice.id}/versions/${version.id}`} className="font-medium text-sky-800 underline">
                      {t("versionNumber", { number: version.number })}
                    </Link>
                    {version.materialChange ? <span className="ms-2 text-xs text-amber-900">{t("material")}</span> : null}
                  </th>
                  <td className="px-3 py-2"><NoticeStatusBadge status={version.status} /></td>
                  <td className="px-3 py-2">{version.authorEmail}</td>
                  <td className="px-3 py-2">{version.changeSummary}</td>
                  <td className="px-3 py-2">{version.reviewedAt ? t("reviewedBy", { who: version.reviewerEmail ?? "—", date: format.dateTime(new Date(version.reviewedAt), { dateStyle: "medium", timeStyle: "short" }) }) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {CAN.editNotices(workspace.myRole) && !open ? (
        <ActionForm action={createNoticeVersionAction} hidden={{ workspaceId: workspace.id, noticeId: notice.id, locale }}>
          <SubmitButton pendingLabel={t("creating")}>{t("newVersion")}</SubmitButton>
        </ActionForm>
      ) : null}
    </>
  );
}
