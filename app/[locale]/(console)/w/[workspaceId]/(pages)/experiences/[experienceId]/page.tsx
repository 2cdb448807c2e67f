import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { setLiveVersionAction } from "@/lib/actions/console/experiences";
import { AllowedOriginsForm } from "@/components/integrations/allowed-origins-form";
import { RefusedOrigins } from "@/components/integrations/refused-origins";
import { PublishForm } from "@/components/publishing/publish-form";
import { LiveLinks } from "@/components/publishing/live-links";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { experienceKeys } from "@/lib/experiences/allowed-origins";
import { listRefusedOrigins } from "@/lib/experiences/refused-origins";
import { getExperience } from "@/lib/experiences/experiences";
import { outdatedTranslations, walkBlocks } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import { Link } from "@/lib/i18n/navigation";
import { listPublishedVersions } from "@/lib/publishing/publish";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string; experienceId: string }> };

/** An experience's publishing: publish the draft, see every published version, roll back or unpublish. */
export default async function ExperiencePublishingPage({ params }: Props) {
  const { locale, workspaceId, experienceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  if (!/^[0-9a-f-]{36}$/i.test(experienceId)) notFound();
  const [loaded, uiLocale, t, format] = await Promise.all([
    readAsOperator(async (sql) => {
      const experience = await getExperience(sql, workspace.id, experienceId);
      return experience
        ? {
            experience,
            versions: await listPublishedVersions(sql, workspace.id, experienceId),
            keys: await experienceKeys(sql, workspace.id, experienceId),
            refused: await listRefusedOrigins(sql, workspace.id, experienceId),
          }
        : null;
    }),
    getLocale(),
    getTranslations("publishing"),
    getFormatter(),
  ]);
  if (!loaded) notFound();
  const { experience, versions, keys, refused } = loaded;
  const canPublish = CAN.designExperiences(workspace.myRole);
  const blockTypes = Object.fromEntries(walkBlocks(experience.document).map(({ block }) => [block.id, block.type]));
  const languageNames = Object.fromEntries(experience.document.locales.map((code) => [code, languageName(code, uiLocale)]));
  const scope = { workspaceId: workspace.id, experienceId: experience.id, locale };
  const live = versions.find((version) => version.live);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold" data-testid="experience-title">{experience.name}</h1>
        <Link href={`/w/${workspace.id}/design/${experience.id}`} className={buttonClass("secondary")}>{t("openDesigner")}</Link>
      </div>
      <p data-testid="live-status">{live ? t("liveVersion", { number: live.number }) : t("notLive")}</p>
      {canPublish ? (
        <section aria-labelledby="publish-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="publish-heading" className="text-lg font-medium">{t("publishTitle")}</h2>
          <p className="text-sm text-slate-700">{t("publishIntro")}</p>
          <PublishForm workspaceId={workspace.id} experienceId={experience.id} blockTypes={blockTypes} languageNames={languageNames} outdated={outdatedTranslations(experience.document)} />
        </section>
      ) : null}
      {keys ? (
        <section aria-labelledby="integration-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="integration-heading" className="text-lg font-medium">{t("integration")}</h2>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("publicId")}</dt>
            <dd><code data-testid="public-id">{keys.publicId}</code></dd>
            <dt className="font-medium">{t("publicKey")}</dt>
            <dd><code data-testid="public-key">{keys.publicKey}</code></dd>
          </dl>
          {canPublish ? <AllowedOriginsForm workspaceId={workspace.id} experienceId={experience.id} origins={keys.allowedOrigins} /> : null}
          <RefusedOrigins workspaceId={workspace.id} experienceId={experience.id} refused={refused} canAllow={canPublish} />
        </section>
      ) : null}
      {keys ? <LiveLinks publicId={keys.publicId} live={live !== undefined} locales={experience.document.locales} /> : null}
      <section aria-labelledby="versions-heading" className="flex flex-col gap-3">
        <h2 id="versions-heading" className="text-lg font-medium">{t("versions")}</h2>
        {versions.length === 0 ? (
          <p className="text-slate-700">{t("noVersions")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
            {versions.map((version) => (
              <li key={version.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="published-version">
                <span className="font-medium">{t("versionNumber", { number: version.number })}</span>
                {version.live ? <span className="rounded-full border border-emerald-700 bg-emerald-50 px-2 text-xs">{t("live")}</span> : null}
                {version.materialChange ? <span className="text-xs text-amber-900">{t("material")}</span> : null}
                <span className="text-slate-700">{t("publishedBy", { who: version.publishedByEmail ?? "—", date: format.dateTime(new Date(version.publishedAt), { dateStyle: "medium", timeStyle: "short" }) })}</span>
                <code className="w-full break-all text-xs text-slate-700">{version.contentHash}</code>
                {canPublish && !version.live ? (
                  <ActionForm action={setLiveVersionAction} hidden={{ ...scope, versionId: version.id }}>
                    <SubmitButton tone="secondary" pendingLabel={t("working")}>{t("makeLive", { number: version.number })}</SubmitButton>
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canPublish && live ? (
          <ActionForm action={setLiveVersionAction} hidden={{ ...scope, versionId: "" }}>
            <SubmitButton tone="danger" pendingLabel={t("working")}>{t("unpublish")}</SubmitButton>
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}
