import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/notices/diff-view";
import { NoticeVersionEditor } from "@/components/notices/notice-version-editor";
import { ReviewForms } from "@/components/notices/review-forms";
import { NoticeStatusBadge } from "@/components/notices/status-badge";
import { VersionDeclarations } from "@/components/notices/version-declarations";
import { nameIn } from "@/lib/catalog/catalog";
import { readPurposeLegal } from "@/lib/catalog/purpose-legal";
import { readAsOperator, requireOperator, workspaceForPage } from "@/lib/console/operator";
import { languageName } from "@/lib/i18n/language-name";
import { Link } from "@/lib/i18n/navigation";
import { diffNoticeText } from "@/lib/notices/diff";
import { renderNoticeHtml } from "@/lib/notices/render";
import { translationStatus } from "@/lib/notices/translation-status";
import { getNoticeVersion, lastApprovedVersion, noticeVersionProblems } from "@/lib/notices/versions";
import { controllerIn } from "@/lib/tenancy/controller";
import { CAN } from "@/lib/tenancy/schemas";

/** Problems whose fix is in the catalog's legal fields of a purpose. */
const CATALOG_PROBLEMS = new Set(["data_categories_missing", "retention_missing", "cross_border_recipient_missing", "third_party_recipient_missing"]);

type Props = { params: Promise<{ locale: string; workspaceId: string; noticeId: string; versionId: string }> };
const uuid = /^[0-9a-f-]{36}$/i;

export default async function NoticeVersionPage({ params }: Props) {
  const { workspaceId, noticeId, versionId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!uuid.test(noticeId) || !uuid.test(versionId)) notFound();
  const [claims, uiLocale, t, format] = await Promise.all([requireOperator(), getLocale(), getTranslations("notices"), getFormatter()]);
  const loaded = await readAsOperator(async (sql) => {
    const version = await getNoticeVersion(sql, workspace.id, versionId);
    if (!version || version.noticeId !== noticeId) return null;
    const [problems, approved, purposes] = await Promise.all([
      noticeVersionProblems(sql, version.id),
      lastApprovedVersion(sql, workspace.id, noticeId),
      readPurposeLegal(sql, workspace.id),
    ]);
    return { version, problems, approved, purposes };
  });
  if (!loaded) notFound();
  const { version, problems, approved, purposes } = loaded;
  const { notice } = version;
  const editable = CAN.editNotices(workspace.myRole) && (version.status === "draft" || version.status === "rejected");
  // Four eyes: nobody who wrote or edited this version reviews it (the database enforces the same).
  const mayReview =
    CAN.reviewNotices(workspace.myRole) && version.status === "in_review" && version.authorId !== claims.sub && !version.contributorIds.includes(claims.sub);
  const purposeName = (key: string | null) => {
    const purpose = purposes.find((p) => p.key === key);
    return purpose ? nameIn(purpose.name, uiLocale) : (key ?? "");
  };
  // Where each problem is fixed: the controller's names in Settings (with the name that text
  // must contain), a purpose's legal fields in the catalog; the rest is in the version itself.
  const problemFix = (problem: (typeof problems)[number]) => {
    const linkClass = "ms-2 font-medium text-sky-800 underline";
    if ((problem.code === "controller_missing" || problem.code === "contact_missing") && problem.locale) {
      const named = controllerIn(workspace, problem.locale);
      return (
        <>
          {" "}
          <span lang={problem.locale}>{t("expectedName", { name: problem.code === "controller_missing" ? named.entity : named.contact })}</span>
          {CAN.editWorkspace(workspace.myRole) ? (
            <Link href={`/w/${workspace.id}/settings`} className={linkClass}>
              {t("fixInSettings")}
            </Link>
          ) : null}
        </>
      );
    }
    if (CATALOG_PROBLEMS.has(problem.code) && problem.purposeKey) {
      return (
        <Link href={{ pathname: `/w/${workspace.id}/catalog`, query: { purpose: problem.purposeKey }, hash: `purpose-${problem.purposeKey}` }} className={linkClass}>
          {t("fixInCatalog", { purpose: purposeName(problem.purposeKey) })}
        </Link>
      );
    }
    return null;
  };
  // Against the last approved version; with none yet, everything reads as added.
  const comparedWith = approved && approved.id !== version.id ? approved : null;
  const showDiff = version.status !== "approved";
  return (
    <>
      <div>
        <Link href={`/w/${workspace.id}/notices/${notice.id}`} className="text-sm text-sky-800 underline">{notice.name}</Link>
        <h1 className="flex items-center gap-3 text-2xl font-semibold">
          {t("versionNumber", { number: version.number })} <NoticeStatusBadge status={version.status} />
        </h1>
        <p className="text-sm text-slate-700">{t("byAuthor", { who: version.authorEmail ?? "—", date: format.dateTime(new Date(version.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      </div>

      {version.status === "rejected" && version.reviewComment ? (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-4" data-testid="review-comment">
          <p className="font-medium">{t("rejectedBy", { who: version.reviewerEmail ?? "—" })}</p>
          <p className="whitespace-pre-wrap">{version.reviewComment}</p>
        </div>
      ) : null}
      {version.status === "approved" ? (
        <p className="rounded-md border border-emerald-700 bg-emerald-50 p-4 text-sm" data-testid="approval">
          {t("approvedBy", { who: version.reviewerEmail ?? "—", date: format.dateTime(new Date(version.reviewedAt!), { dateStyle: "medium", timeStyle: "short" }) })}
          <span className="mt-1 block font-mono text-xs break-all">{t("contentHash", { hash: version.contentHash ?? "" })}</span>
        </p>
      ) : null}

      {editable ? (
        <NoticeVersionEditor
          workspaceId={workspace.id}
          noticeId={notice.id}
          versionId={version.id}
          locales={notice.locales}
          initial={{
            content: version.content,
            changeSummary: version.changeSummary,
            materialChange: version.materialChange,
            purposeIds: version.purposeIds,
            jurisdictions: version.jurisdictions,
            rightsStatement: version.rightsStatement,
            purposeStatements: version.purposeStatements,
          }}
          purposes={purposes.map((purpose) => ({ id: purpose.id, name: nameIn(purpose.name, uiLocale), needsOwnStatement: purpose.needsOwnStatement }))}
        />
      ) : (
        <section aria-labelledby="text-heading" className="flex flex-col gap-4">
          <h2 id="text-heading" className="text-lg font-medium">{t("text")}</h2>
          {notice.locales.map((locale) => {
            const doc = version.content[locale];
            return (
              <article key={locale} lang={locale} className="notice-html rounded-md border border-slate-300 bg-white p-4" aria-label={languageName(locale, uiLocale)} data-testid={`notice-text-${locale}`}>
                {/* Server-rendered from tiptap JSON and sanitized with an allow-list (lib/notices/render.ts). */}
                {doc ? <div dangerouslySetInnerHTML={{ __html: renderNoticeHtml(doc) }} /> : <p className="text-slate-700">{t("missingText")}</p>}
              </article>
            );
          })}
        </section>
      )}

      {!editable ? <VersionDeclarations version={version} purposes={purposes} controller={workspace} uiLocale={uiLocale} /> : null}

      <section aria-labelledby="review-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-6">
        <h2 id="review-heading" className="text-lg font-medium">{t("review")}</h2>
        <div>
          <h3 className="font-medium">{t("completeness")}</h3>
          {problems.length === 0 ? (
            <p className="text-sm text-emerald-900" data-testid="no-problems">{t("complete")}</p>
          ) : (
            <ul className="list-disc ps-6 text-sm" data-testid="problems">
              {problems.map((problem, index) => (
                <li key={index}>
                  {t(`problems.${problem.code}`, { purpose: purposeName(problem.purposeKey), language: problem.locale ? languageName(problem.locale, uiLocale) : "" })}
                  {problemFix(problem)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="font-medium">{t("translations")}</h3>
          <ul className="text-sm" data-testid="translation-status">
            {translationStatus(version, notice.sourceLocale, notice.locales).map(({ locale, status }) => (
              <li key={locale}>{t(`translation.${status}`, { language: languageName(locale, uiLocale) })}</li>
            ))}
          </ul>
        </div>
        {showDiff ? (
          <div className="flex flex-col gap-2">
            <h3 className="font-medium">{comparedWith ? t("diffAgainst", { number: comparedWith.number }) : t("noApprovedToCompare")}</h3>
            {notice.locales.map((locale) => (
              <div key={locale} className="flex flex-col gap-1">
                <h4 className="text-sm text-slate-700">{languageName(locale, uiLocale)}</h4>
                <DiffView lang={locale} parts={diffNoticeText(comparedWith?.content[locale], version.content[locale], locale)} />
              </div>
            ))}
          </div>
        ) : null}
        {mayReview ? <ReviewForms workspaceId={workspace.id} noticeId={notice.id} versionId={version.id} /> : null}
      </section>
    </>
  );
}
