import { getTranslations, setRequestLocale } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";
import { myWorkspaces } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "workspaces" });
  return { title: t("title") };
}

export default async function WorkspacesPage({ params }: { params: Promise<{ locale: string }> }) {
  setRequestLocale((await params).locale);
  const [workspaces, t, roles] = await Promise.all([myWorkspaces(), getTranslations("workspaces"), getTranslations("roles")]);
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-6 py-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/workspaces/new" className={buttonClass()}>
          {t("create")}
        </Link>
      </div>
      {workspaces.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-400 bg-white p-8" aria-labelledby="empty-heading">
          <h2 id="empty-heading" className="text-lg font-medium">
            {t("emptyTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("emptyBody")}</p>
        </section>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <Link
                href={`/w/${workspace.id}`}
                className="block rounded-lg border border-slate-300 bg-white p-4 hover:border-sky-700 focus-visible:outline-3 focus-visible:outline-sky-600"
              >
                <span className="block font-medium">{workspace.name}</span>
                <span className="block text-sm text-slate-700">{workspace.legalEntityName}</span>
                <span className="mt-2 block text-sm text-slate-700">{t("yourRole", { role: roles(workspace.myRole) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
