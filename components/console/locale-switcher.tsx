"use client";

import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { usePathname, useRouter } from "@/lib/i18n/navigation";
import { LOCALES, type Locale } from "@/lib/i18n/routing";

/** Switches the console language, staying on the same page. Names each language in itself. */
export function LocaleSwitcher() {
  const t = useTranslations("locale");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="locale-switcher" className="text-sm text-slate-700">
        {t("label")}
      </label>
      <select
        id="locale-switcher"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value as Locale;
          startTransition(() => {
            router.replace(`${pathname}${window.location.search}`, { locale: next });
          });
        }}
        className="min-h-10 rounded-md border border-slate-500 bg-white px-2 py-1 text-sm focus-visible:outline-3 focus-visible:outline-sky-600"
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`names.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
