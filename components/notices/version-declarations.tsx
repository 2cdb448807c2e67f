import { getTranslations } from "next-intl/server";
import { nameIn } from "@/lib/catalog/catalog";
import type { PurposeLegal } from "@/lib/catalog/purpose-legal";
import type { Locale } from "@/lib/experience";
import { languageName } from "@/lib/i18n/language-name";
import type { NoticeVersion } from "@/lib/notices/schemas";
import { controllerIn, type ControllerTexts } from "@/lib/tenancy/controller";

/**
 * What a version declares, read-only, for whoever reviews it: where it is used, the controller
 * and contact each language names, how to exercise rights, and each purpose it covers with the
 * catalog's legal fields and its separate statement. Legal approves what is shown here, not
 * only the prose above it.
 */
export async function VersionDeclarations({
  version,
  purposes,
  controller,
  uiLocale,
}: {
  version: NoticeVersion;
  purposes: PurposeLegal[];
  controller: ControllerTexts;
  uiLocale: string;
}) {
  const [t, legal] = await Promise.all([getTranslations("notices"), getTranslations("catalog.legal")]);
  const locales = version.notice.locales;
  const language = (locale: Locale) => languageName(locale, uiLocale);
  const covered = version.purposeIds.map((id) => purposes.find((purpose) => purpose.id === id)).filter((purpose) => purpose !== undefined);
  const none = <span className="text-slate-700">{t("declared.none")}</span>;
  const list = (items: string[]) => (items.length > 0 ? items.join(t("declared.listSeparator")) : none);
  return (
    <section aria-labelledby="declared-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-6" data-testid="declarations">
      <h2 id="declared-heading" className="text-lg font-medium">{t("declarations")}</h2>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("jurisdictions")}</dt>
        <dd>{list(version.jurisdictions.map((code) => t(`jurisdictionNames.${code}`)))}</dd>
        <dt className="font-medium">{t("materialChangeShort")}</dt>
        <dd>{version.materialChange ? t("declared.yes") : t("declared.no")}</dd>
      </dl>
      <div className="flex flex-col gap-2">
        <h3 className="font-medium">{t("declared.controllerTitle")}</h3>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {locales.map((locale) => {
            const named = controllerIn(controller, locale);
            return (
              <div key={locale} className="contents">
                <dt className="font-medium">{language(locale)}</dt>
                <dd lang={locale}>{t("declared.controllerLine", { entity: named.entity, contact: named.contact })}</dd>
              </div>
            );
          })}
        </dl>
      </div>
      <div className="flex flex-col gap-2">
        <h3 className="font-medium">{t("rightsStatement")}</h3>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {locales.map((locale) => (
            <div key={locale} className="contents">
              <dt className="font-medium">{language(locale)}</dt>
              <dd lang={locale} className="whitespace-pre-wrap">{version.rightsStatement[locale]?.trim() || none}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="flex flex-col gap-2">
        <h3 className="font-medium">{t("purposesCovered")}</h3>
        {covered.length === 0 ? (
          <p className="text-sm">{none}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {covered.map((purpose) => {
              const flags = [
                purpose.sensitive ? legal("sensitive") : null,
                purpose.separateConsentSensitive ? legal("separateConsentSensitive") : null,
                purpose.separateConsentThirdParty ? `${legal("separateConsentThirdParty")}: ${purpose.thirdPartyRecipient ?? "—"}` : null,
                purpose.separateConsentCrossBorder
                  ? `${legal("separateConsentCrossBorder")}: ${purpose.crossBorderRecipient ?? "—"} (${purpose.crossBorderCountry?.toUpperCase() ?? "—"})`
                  : null,
                purpose.separateConsentPublicDisclosure ? legal("separateConsentPublicDisclosure") : null,
              ].filter((flag) => flag !== null);
              return (
                <li key={purpose.id} className="rounded-md border border-slate-200 p-3" data-testid="declared-purpose">
                  <h4 className="font-medium">{nameIn(purpose.name, uiLocale)}</h4>
                  <dl className="mt-1 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                    <dt className="text-slate-700">{legal("legalBasis")}</dt>
                    <dd>{legal(`bases.${purpose.legalBasis}`)}</dd>
                    <dt className="text-slate-700">{t("declared.dataCategories")}</dt>
                    <dd>{list(purpose.dataCategories)}</dd>
                    <dt className="text-slate-700">{t("declared.retention")}</dt>
                    <dd>{purpose.retention.trim() || none}</dd>
                    <dt className="text-slate-700">{t("declared.recipients")}</dt>
                    <dd>{list(purpose.recipients)}</dd>
                    <dt className="text-slate-700">{legal("separateConsent")}</dt>
                    <dd>{flags.length > 0 ? list(flags) : none}</dd>
                    {purpose.needsOwnStatement
                      ? locales.map((locale) => (
                          <div key={locale} className="contents">
                            <dt className="text-slate-700">{t("declared.statementIn", { language: language(locale) })}</dt>
                            <dd lang={locale} className="whitespace-pre-wrap">{version.purposeStatements[purpose.id]?.[locale]?.trim() || none}</dd>
                          </div>
                        ))
                      : null}
                  </dl>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
