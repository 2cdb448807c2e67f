import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { LinkConfirm } from "@/components/preference-centre/link-confirm";
import { publicIdSchema } from "@/lib/preference-centre/types";

type Props = { params: Promise<{ locale: string; publicId: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "preferenceCentre.link" });
  // The token is in this page's address: keep it out of referrers and search engines.
  return { title: t("heading"), robots: { index: false, follow: false }, referrer: "no-referrer" as const };
}

/** The magic link from the email: confirm with one button, then the centre. */
export default async function MagicLinkPage({ params, searchParams }: Props) {
  const { locale, publicId } = await params;
  setRequestLocale(locale);
  if (!publicIdSchema.safeParse(publicId).success) notFound();
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const t = await getTranslations("preferenceCentre.link");
  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <LinkConfirm publicId={publicId} locale={locale} token={token.slice(0, 100)} />
    </main>
  );
}
