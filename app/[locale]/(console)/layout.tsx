import { getTranslations } from "next-intl/server";
import { signOut } from "@/lib/actions/auth";
import { LocaleSwitcher } from "@/components/console/locale-switcher";
import { WorkspaceSwitcher } from "@/components/console/workspace-switcher";
import { buttonClass } from "@/components/ui/button-class";
import { myWorkspaces, requireOperator } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";

export default async function ConsoleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const claims = await requireOperator();
  const [workspaces, t] = await Promise.all([myWorkspaces(), getTranslations("console")]);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-300 bg-white px-6 py-3">
        <Link href="/workspaces" className="text-lg font-semibold text-sky-900 focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("appName")}
        </Link>
        <WorkspaceSwitcher workspaces={workspaces.map(({ id, name }) => ({ id, name }))} />
        <div className="ms-auto flex flex-wrap items-center gap-4">
          <LocaleSwitcher />
          <span className="text-sm text-slate-700" data-testid="signed-in-as">
            {claims.email}
          </span>
          <form action={signOut}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className={buttonClass("secondary")}>
              {t("signOut")}
            </button>
          </form>
        </div>
      </header>
      <div id="main" className="flex flex-1 flex-col">
        {children}
      </div>
    </div>
  );
}
