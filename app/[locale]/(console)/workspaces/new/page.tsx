import { getTranslations, setRequestLocale } from "next-intl/server";
import { WorkspaceForm } from "@/components/console/workspace-form";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "workspaces" });
  return { title: t("createTitle") };
}

export default async function NewWorkspacePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("workspaces");
  return (
    <main className="mx-auto flex w-full max-w-xl flex-col gap-6 px-6 py-8">
      <h1 className="text-2xl font-semibold">{t("createTitle")}</h1>
      <p className="text-slate-700">{t("createIntro")}</p>
      <WorkspaceForm locale={locale} />
    </main>
  );
}
