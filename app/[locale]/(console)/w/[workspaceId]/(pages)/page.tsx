import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { WaitingForYou } from "@/components/console/waiting-for-you";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { waitingForYou } from "@/lib/console/waiting-for-you";
import { languageName } from "@/lib/i18n/language-name";
import { Link } from "@/lib/i18n/navigation";
import { listMembers } from "@/lib/tenancy/members";
import { CONTROLLER_LOCALES, controllerIn } from "@/lib/tenancy/controller";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: (await workspaceForPage((await params).workspaceId)).name };
}

export default async function WorkspaceOverviewPage({ params }: Props) {
  const workspace = await workspaceForPage((await params).workspaceId);
  const [members, waiting, t, roles, format, uiLocale] = await Promise.all([
    readAsOperator((sql) => listMembers(sql, workspace.id)),
    readAsOperator((sql) => waitingForYou(sql, workspace.id, workspace.myRole)),
    getTranslations("overview"),
    getTranslations("roles"),
    getFormatter(),
    getLocale(),
  ]);
  const perLanguage = CONTROLLER_LOCALES.filter((code) => workspace.legalEntityNames[code] || workspace.contactAddresses[code]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <WaitingForYou workspaceId={workspace.id} items={waiting} />
      <section aria-labelledby="controller-heading" className="rounded-lg border border-slate-300 bg-white p-6">
        <h2 id="controller-heading" className="text-lg font-medium">
          {t("controller")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("controllerHint")}</p>
        <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("legalEntityName")}</dt>
          <dd>{workspace.legalEntityName}</dd>
          <dt className="font-medium">{t("contactAddress")}</dt>
          <dd className="whitespace-pre-line">{workspace.contactAddress}</dd>
          {perLanguage.length > 0 ? (
            <>
              <dt className="font-medium">{t("controllerPerLanguage")}</dt>
              <dd>
                <ul>
                  {perLanguage.map((code) => {
                    const named = controllerIn(workspace, code);
                    return (
                      <li key={code}>
                        <span className="text-slate-700">{languageName(code, uiLocale)}:</span>{" "}
                        <span lang={code}>
                          {named.entity} · {named.contact}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </dd>
            </>
          ) : null}
          <dt className="font-medium">{t("yourRole")}</dt>
          <dd>{roles(workspace.myRole)}</dd>
          <dt className="font-medium">{t("created")}</dt>
          <dd>{format.dateTime(workspace.createdAt, { dateStyle: "long" })}</dd>
        </dl>
      </section>
      {members.length === 1 && CAN.manageMembers(workspace.myRole) ? (
        <section aria-labelledby="next-heading" className="rounded-lg border border-dashed border-slate-400 bg-white p-6">
          <h2 id="next-heading" className="text-lg font-medium">
            {t("nextTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("nextBody")}</p>
          <Link href={`/w/${workspace.id}/members`} className="mt-3 inline-block font-medium text-sky-800 underline">
            {t("inviteLink")}
          </Link>
        </section>
      ) : (
        <p>{t("memberCount", { count: members.length })}</p>
      )}
    </>
  );
}
