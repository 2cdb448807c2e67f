import { getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { readHostedParams } from "@/lib/public/hosted-params";
import { hostedQuery } from "@/lib/public/hosted-url";
import { loadLiveExperience, PUBLIC_ID } from "@/lib/public/live";
import { readLiveNoticeNames } from "@/lib/public/live-notices";
import { asVisitor } from "@/lib/public/visitor";

type Props = {
  params: Promise<{ locale: string; publicId: string; noticeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "hosted.noticePage" });
  return { title: { absolute: t("title") }, robots: { index: false, follow: false } };
}

/**
 * The full text of a notice a live experience shows, on a page of its own: where the
 * experience's privacy-policy link leads when the marketer gave it no other address. Only the
 * approved version the live version pins, read as anon through narrow functions.
 */
export default async function LiveNoticePage({ params, searchParams }: Props) {
  const { locale, publicId, noticeId } = await params;
  setRequestLocale(locale);
  if (!PUBLIC_ID.test(publicId) || !z.guid().safeParse(noticeId).success) notFound();
  const hostedParams = readHostedParams(await searchParams);
  const requestHeaders = await headers();
  const loaded = await asVisitor(async (sql) => {
    const live = await loadLiveExperience(sql, publicId, { headers: requestHeaders, regionParam: hostedParams.region, lang: hostedParams.lang ?? locale });
    return live ? { live, names: await readLiveNoticeNames(sql, publicId) } : null;
  });
  const notice = loaded?.live.notices[noticeId];
  const named = loaded?.names.find((entry) => entry.noticeId === noticeId);
  if (!loaded || !notice || !named) notFound();
  const t = await getTranslations("hosted.noticePage");
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-col gap-4 px-4 py-6 sm:py-10">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">{named.name}</h1>
        <p className="text-sm text-slate-700">{t("version", { number: named.number })}</p>
      </header>
      {/*
        The text legal approved, rendered and sanitized by the server with the notice allow-list
        (lib/notices/render.ts), exactly as the experience shows it.
      */}
      <div
        lang={loaded.live.locale}
        data-testid="notice-page-text"
        className="flex flex-col gap-3 [&_a]:text-sky-800 [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:ps-6 [&_ul]:list-disc [&_ul]:ps-6"
        dangerouslySetInnerHTML={{ __html: notice.html }}
      />
      <a
        href={`/${locale}/p/${publicId}${hostedQuery(hostedParams)}`}
        className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600"
      >
        {t("back")}
      </a>
    </main>
  );
}
