import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/console/locale-switcher";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-300 bg-white px-6 py-3">
        <span className="text-lg font-semibold text-sky-900">{t("name")}</span>
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto flex w-full max-w-md flex-1 flex-col gap-6 px-6 py-10">
        {children}
      </main>
    </div>
  );
}
