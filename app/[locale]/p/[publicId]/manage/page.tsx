import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { centreDocument, choicesFromState } from "@/components/preference-centre/centre-choices";
import { PreferenceCentre } from "@/components/preference-centre/preference-centre";
import { experienceLabels, purposeName } from "@/components/preference-centre/purpose-name";
import { VerifyIdentity } from "@/components/preference-centre/verify-identity";
import { toExpectedError } from "@/lib/errors";
import { readCentreState } from "@/lib/preference-centre/centre";
import { publicIdSchema, type CentreState } from "@/lib/preference-centre/types";
import { loadLiveExperience } from "@/lib/public/live";
import { withNoticePages } from "@/lib/public/live-notices";
import { asVisitor } from "@/lib/public/visitor";
import { readSubjectSession } from "@/lib/preference-centre/subject-session";

type Props = { params: Promise<{ locale: string; publicId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "preferenceCentre" });
  return { title: t("title"), robots: { index: false, follow: false } };
}

/** The person's own state, or null when there is no valid session for this experience's workspace. */
async function centreState(publicId: string): Promise<CentreState | null> {
  const session = await readSubjectSession();
  if (!session) return null;
  try {
    return await asVisitor((sql) => readCentreState(sql, session, publicId));
  } catch (error) {
    if (toExpectedError(error)?.code === "session_invalid") return null;
    throw error;
  }
}

/**
 * The end-user preference centre: prove control of an email address or phone number, then see
 * and change every consent given, withdraw all in one click, read receipts, request one's data.
 */
export default async function ManagePreferencesPage({ params }: Props) {
  const { locale, publicId } = await params;
  setRequestLocale(locale);
  if (!publicIdSchema.safeParse(publicId).success) notFound();
  const requestHeaders = await headers();
  const live = await asVisitor((sql) => loadLiveExperience(sql, publicId, { headers: requestHeaders, lang: locale }));
  if (!live) notFound();
  const [t, format, state] = await Promise.all([getTranslations("preferenceCentre"), getFormatter(), centreState(publicId)]);
  // A purpose is called what the experience called it ("Personalised recommendations"), else its catalog name.
  const preferred = [live.locale, live.document.defaultLocale, "en"];
  const labels = experienceLabels(live.document, preferred);
  const nameOf = (purposeId: string, name: Record<string, string>) => labels.get(purposeId) ?? purposeName(name, preferred);
  const base = `/${locale}/p/${publicId}`;

  return (
    <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-6 px-4 py-6 sm:py-10">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </header>
      {state ? (
        <>
          <PreferenceCentre
            publicId={publicId}
            locale={locale}
            identifierKind={state.identifierKind}
            document={centreDocument(live.document)}
            contentLocale={live.locale}
            catalog={live.catalog}
            notices={withNoticePages(live.notices, publicId, locale, { lang: live.locale })}
            initialChoices={choicesFromState(live.document, state.states, state.preferences)}
            statuses={state.states.map((s) => {
              const name = nameOf(s.purposeId, s.purposeName);
              return {
                purposeId: s.purposeId,
                name: name.text,
                nameLang: name.lang,
                state: s.state,
                method: s.method,
                channel: s.channel,
                occurredAt: s.occurredAt,
                expiresAt: s.expiresAt,
                necessary: s.necessary,
              };
            })}
          />
          <nav aria-label={t("centre.more")} className="flex flex-col gap-2">
            <a href={`${base}/manage/request`} className="min-h-11 self-start content-center font-medium text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
              {t("centre.requestLink")}
            </a>
          </nav>
          {state.receipts.length > 0 ? (
            <section aria-labelledby="receipts" className="flex flex-col gap-2">
              <h2 id="receipts" className="text-lg font-semibold">
                {t("centre.receipts")}
              </h2>
              <ul className="flex flex-col gap-1">
                {state.receipts.map((receipt) => (
                  <li key={receipt.id}>
                    <a href={`${base}/receipts/${receipt.id}`} className="inline-block min-h-11 content-center text-sky-800 underline underline-offset-2 focus-visible:outline-3 focus-visible:outline-sky-600">
                      {t("centre.receiptItem", { action: t(`receiptActions.${receipt.action}`), date: format.dateTime(receipt.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {state.requests.length > 0 ? (
            <section aria-labelledby="requests" className="flex flex-col gap-2">
              <h2 id="requests" className="text-lg font-semibold">
                {t("centre.requests")}
              </h2>
              <ul className="flex flex-col gap-1 text-sm">
                {state.requests.map((request) => (
                  <li key={request.id} data-testid="data-request">
                    {t("centre.requestItem", {
                      kind: t(`requestKinds.${request.kind}`),
                      status: t(`requestStatuses.${request.status}`),
                      date: format.dateTime(request.createdAt, { dateStyle: "medium" }),
                    })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <VerifyIdentity publicId={publicId} locale={locale} />
      )}
    </main>
  );
}
