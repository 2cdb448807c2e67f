import { getTranslations } from "next-intl/server";
import { ControllerLanguagesForm } from "@/components/console/controller-languages-form";
import { WorkspaceForm } from "@/components/console/workspace-form";
import { workspaceForPage } from "@/lib/console/operator";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "settings" });
  return { title: t("title") };
}

export default async function WorkspaceSettingsPage({ params }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const t = await getTranslations("settings");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {CAN.editWorkspace(workspace.myRole) ? (
        <div className="flex max-w-xl flex-col gap-10">
          <WorkspaceForm locale={locale} workspace={workspace} />
          <ControllerLanguagesForm locale={locale} workspace={workspace} />
        </div>
      ) : (
        <p className="rounded-md border border-slate-300 bg-white p-4">{t("readOnly")}</p>
      )}
    </>
  );
}
