import { getTranslations } from "next-intl/server";
import { NewNoticeForm } from "@/components/notices/new-notice-form";
import { NoticeStatusBadge } from "@/components/notices/status-badge";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { listNotices } from "@/lib/notices/notices";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "notices" });
  return { title: t("title") };
}

export default async function NoticesPage({ params }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const [notices, t] = await Promise.all([readAsOperator((sql) => listNotices(sql, workspace.id)), getTranslations("notices")]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {notices.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {notices.map((notice) => (
            <li key={notice.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="notice-row">
              <Link href={`/w/${workspace.id}/notices/${notice.id}`} className="font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
                {notice.name}
              </Link>
              <span className="text-sm text-slate-700">{t(`kinds.${notice.kind}`)}</span>
              {notice.latest ? (
                <span className="flex items-center gap-2 text-sm">
                  {t("versionNumber", { number: notice.latest.number })} <NoticeStatusBadge status={notice.latest.status} />
                </span>
              ) : null}
              <span className="ms-auto text-sm text-slate-700">{notice.approved ? t("approvedVersion", { number: notice.approved.number }) : t("noApproved")}</span>
            </li>
          ))}
        </ul>
      )}
      {CAN.editNotices(workspace.myRole) ? (
        <section aria-labelledby="new-notice-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="new-notice-heading" className="text-lg font-medium">{t("newTitle")}</h2>
          <NewNoticeForm workspaceId={workspace.id} locale={locale} defaultSourceLocale={workspace.defaultLocale} />
        </section>
      ) : null}
    </>
  );
}
