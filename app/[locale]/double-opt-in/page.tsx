import { getTranslations, setRequestLocale } from "next-intl/server";
import { ConfirmSubscription } from "@/components/double-opt-in/confirm-subscription";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "doubleOptIn" });
  // The token is in this page's address: keep it out of referrers and search engines.
  return { title: t("heading"), robots: { index: false, follow: false }, referrer: "no-referrer" as const };
}

/** Where the double opt-in message's link lands: one button confirms. */
export default async function DoubleOptInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const t = await getTranslations("doubleOptIn");
  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <ConfirmSubscription token={token.slice(0, 100)} />
    </main>
  );
}
