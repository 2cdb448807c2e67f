"use client";

import { useLocale, useTranslations } from "next-intl";
import { useParams } from "next/navigation";

/** A receipt that cannot be shown (unknown, another person's, a wrong token): 404, and the way to one's own choices. */
export default function ReceiptNotFound() {
  const t = useTranslations("preferenceCentre.receipt");
  const locale = useLocale();
  const { publicId } = useParams<{ publicId: string }>();
  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p role="alert">{t("notFound")}</p>
      <a
        href={`/${locale}/p/${encodeURIComponent(publicId)}/manage`}
        className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600"
      >
        {t("manage")}
      </a>
    </main>
  );
}
