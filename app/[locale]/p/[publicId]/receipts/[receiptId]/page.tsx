import { getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { experienceLabels } from "@/components/preference-centre/purpose-name";
import { ReceiptView } from "@/components/preference-centre/receipt-view";
import { toExpectedError } from "@/lib/errors";
import { readReceipt, type ConsentReceipt } from "@/lib/preference-centre/receipts";
import { publicIdSchema, receiptTokenSchema } from "@/lib/preference-centre/types";
import { loadLiveExperience } from "@/lib/public/live";
import { asVisitor } from "@/lib/public/visitor";
import { readSubjectSession } from "@/lib/preference-centre/subject-session";

type Props = { params: Promise<{ locale: string; publicId: string; receiptId: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "preferenceCentre.receipt" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" as const };
}

/** A receipt, opened by its link's token or by the person's session; anyone else sees the same "cannot be shown". */
export default async function ReceiptPage({ params, searchParams }: Props) {
  const { locale, publicId, receiptId } = await params;
  setRequestLocale(locale);
  if (!publicIdSchema.safeParse(publicId).success) notFound();
  const raw = (await searchParams).token;
  const token = receiptTokenSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const t = await getTranslations("preferenceCentre.receipt");
  let receipt: ConsentReceipt | null = null;
  if (z.guid().safeParse(receiptId).success) {
    const session = await readSubjectSession();
    try {
      receipt = await asVisitor((sql) => readReceipt(sql, receiptId, { receiptToken: token.success ? token.data : null, sessionToken: session }));
    } catch (error) {
      if (toExpectedError(error)?.code !== "not_found") throw error;
    }
  }
  // A receipt is shown under the experience it was made on only. Anything else is a 404 with the
  // same "cannot be shown" (./not-found.tsx): a made-up id, another person's, a wrong token.
  if (!receipt || receipt.publicId !== publicId) notFound();
  // Purposes are named as the experience named them, while it is live.
  const requestHeaders = await headers();
  const live = await asVisitor((sql) => loadLiveExperience(sql, publicId, { headers: requestHeaders, lang: locale }));
  const labels = live ? experienceLabels(live.document, [live.locale, live.document.defaultLocale, "en"]) : undefined;
  const manageHref = `/${locale}/p/${publicId}/manage`;
  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ReceiptView
        receipt={receipt}
        locale={locale}
        manageHref={manageHref}
        labels={labels}
        jsonHref={`/api/v1/receipts/${receipt.id}?lang=${locale}${token.success ? `&token=${token.data}` : ""}`}
      />
    </main>
  );
}
