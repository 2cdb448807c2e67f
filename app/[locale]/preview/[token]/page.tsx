import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { PreviewExperience } from "@/components/preview/preview-experience";
import { readPreview } from "@/lib/experiences/experiences";
import { isContentLocale } from "@/lib/experience";
import { asVisitor } from "@/lib/public/visitor";

type Props = { params: Promise<{ locale: string; token: string }> };

export const metadata = { robots: { index: false, follow: false } };

/** A draft shown full-screen exactly as an end user would see it, for whoever holds the link until it expires. */
export default async function PreviewPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const [preview, t, format] = await Promise.all([asVisitor((sql) => readPreview(sql, token)), getTranslations("preview"), getFormatter()]);
  // An unknown or expired link is a 404 (./not-found.tsx says so in the visitor's language).
  if (!preview) notFound();
  const initialLocale = isContentLocale(locale) && preview.document.locales.includes(locale) ? locale : preview.document.defaultLocale;
  return (
    <div className="min-h-screen">
      <p className="bg-amber-100 px-4 py-1 text-center text-sm text-amber-950">{t("expires", { date: format.dateTime(preview.expiresAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <main id="main" aria-label={t("title", { name: preview.name })}>
        <PreviewExperience document={preview.document} initialLocale={initialLocale} />
      </main>
    </div>
  );
}
