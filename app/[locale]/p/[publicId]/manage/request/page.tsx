import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { DataRequestForm } from "@/components/preference-centre/data-request-form";
import { publicIdSchema } from "@/lib/preference-centre/types";

type Props = { params: Promise<{ locale: string; publicId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "preferenceCentre.request" });
  return { title: t("heading"), robots: { index: false, follow: false } };
}

/** "Request a copy or deletion of my data": a small form, recorded by session, confirmed with a reference. */
export default async function DataRequestPage({ params }: Props) {
  const { locale, publicId } = await params;
  setRequestLocale(locale);
  if (!publicIdSchema.safeParse(publicId).success) notFound();
  const t = await getTranslations("preferenceCentre.request");
  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <DataRequestForm publicId={publicId} locale={locale} />
      <a href={`/${locale}/p/${publicId}/manage`} className="min-h-11 self-start content-center text-sm text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
        {t("back")}
      </a>
    </main>
  );
}
