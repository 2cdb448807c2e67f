import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { HostedExperience } from "@/components/hosted/hosted-experience";
import { walkBlocks } from "@/lib/experience";
import { LanguageLinks } from "@/components/hosted/language-links";
import { readHostedParams } from "@/lib/public/hosted-params";
import { hostedPathIn, hostedQuery, uiLocaleFor } from "@/lib/public/hosted-url";
import { loadLiveExperience } from "@/lib/public/live";
import { withNoticePages } from "@/lib/public/live-notices";
import { isStale, readStoredChoice } from "@/lib/public/stored-choice";
import { asVisitor } from "@/lib/public/visitor";

type Props = {
  params: Promise<{ locale: string; publicId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "hosted" });
  // The customer's page, not the console: no product name in the title.
  return { title: { absolute: t("title") }, robots: { index: false, follow: false } };
}

function ownLanguageName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/**
 * An experience's stable public page (/p/{publicId}): the live version as this visitor's region
 * sees it, server-rendered by the shared renderer, in their language. `?region=` and `?lang=`
 * choose; `?channel=` and `?store=` say where the person met the page (a QR code in a shop) and
 * are recorded with each decision.
 */
export default async function HostedPage({ params, searchParams }: Props) {
  const { locale, publicId } = await params;
  const hostedParams = readHostedParams(await searchParams);
  const [requestHeaders, cookieStore] = await Promise.all([headers(), cookies()]);
  const live = await asVisitor((sql) => loadLiveExperience(sql, publicId, { headers: requestHeaders, regionParam: hostedParams.region, lang: hostedParams.lang }));
  if (!live) notFound();
  // The page's own words and <html lang> follow the experience's language.
  const pageLocale = uiLocaleFor(live.locale);
  if (pageLocale !== locale) redirect(`/${pageLocale}/p/${publicId}${hostedQuery(hostedParams)}`);
  setRequestLocale(locale);

  const t = await getTranslations("hosted");
  const earlier = readStoredChoice(cookieStore.toString());
  const stands = earlier !== null && !isStale(earlier, live, new Date());
  // One h1 per page: the experience's own title when it has one, else the page's (for screen readers).
  const hasOwnTitle = walkBlocks(live.document).some(({ block }) => block.type === "heading" && block.level === 1);
  const languages = live.document.locales.map((code) => ({ code, name: ownLanguageName(code), href: hostedPathIn(publicId, hostedParams, code) }));
  return (
    <div lang={live.locale} className="flex min-h-screen flex-col">
      <LanguageLinks label={t("language")} current={live.locale} links={languages} />
      <main id="main" className="flex flex-1 flex-col">
        {hasOwnTitle ? null : <h1 className="sr-only">{t("title")}</h1>}
        <HostedExperience live={{ ...live, notices: withNoticePages(live.notices, publicId, pageLocale, { ...hostedParams, lang: live.locale }) }} params={hostedParams} stored={stands ? earlier : null} deviceId={earlier?.deviceId ?? null} />
      </main>
    </div>
  );
}
