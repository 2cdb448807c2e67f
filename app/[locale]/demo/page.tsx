import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { PrivacyChoicesButton } from "@/components/demo/privacy-choices-button";
import { LanguageLinks } from "@/components/hosted/language-links";
import { getDatabase } from "@/lib/db/connection";
import { DEMO_LOGO } from "@/lib/demo/content";
import { SHOP_COPY, SHOP_LANGUAGE_NAMES } from "@/lib/demo/shop-copy";
import { findDemoSite } from "@/lib/demo/site";
import { deploymentProfile, env } from "@/lib/env";
import { hostedPathIn } from "@/lib/public/hosted-url";
import { isLocale, LOCALES } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: { absolute: SHOP_COPY[locale].title }, robots: { index: false, follow: false } };
}

/** The demo only exists where it was seeded: the embedded profile, with the seed on, after it ran. */
async function demoSite() {
  if (deploymentProfile() !== "embedded" || !env.CONSENTRY_SEED_DEMO) return null;
  return findDemoSite(await getDatabase());
}

/**
 * A fictional tea shop's home page, served by the app in the embedded profile: an ordinary page
 * that embeds the demo's live banner with the real embed script, as a customer's site would.
 * 404 wherever the demo was not seeded.
 */
export default async function DemoShop({ params }: Props) {
  await connection(); // read per request: the demo exists only once the database says so
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const site = await demoSite();
  if (!site) notFound();
  setRequestLocale(locale);
  const copy = SHOP_COPY[locale];
  const languages = LOCALES.map((code) => ({ code, name: SHOP_LANGUAGE_NAMES[code], href: `/${code}/demo` }));

  return (
    // Bottom padding: the banner sits over the page's foot until a choice is made; the footer
    // must still scroll clear of it.
    <div className="min-h-screen bg-stone-50 pb-[28rem] text-stone-900 sm:pb-80">
      <script src="/embed/v1.js" data-experience={site.bannerPublicId} data-lang={locale} async />
      <aside className="bg-amber-100 px-4 py-2 text-sm text-amber-950">
        <p className="mx-auto max-w-5xl">
          {copy.demoNote}{" "}
          <a href={`/${locale}/w/${site.workspaceId}/records`} className="font-semibold underline underline-offset-4 focus-visible:outline-3 focus-visible:outline-sky-700">
            {copy.consoleLink}
          </a>
        </p>
      </aside>
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG of the fictional brand */}
          <img src={DEMO_LOGO} alt="Acme Tea 艾克米茶" width={204} height={48} />
          <nav aria-label={copy.nav.label} className="flex gap-4 text-sm font-medium">
            <a href="#teas" className="rounded hover:underline focus-visible:outline-3 focus-visible:outline-sky-700">{copy.nav.teas}</a>
            <a href="#stores" className="rounded hover:underline focus-visible:outline-3 focus-visible:outline-sky-700">{copy.nav.stores}</a>
          </nav>
          <LanguageLinks label={copy.languages} current={locale} links={languages} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 pb-12">
        <section className="py-12">
          <h1 className="font-serif text-4xl font-semibold text-green-900">{copy.heroTitle}</h1>
          <p className="mt-4 max-w-xl text-lg">{copy.heroText}</p>
          <a href="#teas" className="mt-6 inline-block rounded bg-green-800 px-5 py-2.5 font-semibold text-white hover:bg-green-900 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-700">
            {copy.shopNow}
          </a>
        </section>
        <section id="teas" aria-labelledby="teas-title" className="py-8">
          <h2 id="teas-title" className="font-serif text-2xl font-semibold text-green-900">{copy.teasTitle}</h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-3">
            {copy.teas.map((tea) => (
              <li key={tea.name} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                <h3 className="text-lg font-semibold">{tea.name}</h3>
                <p className="text-sm text-stone-700">{tea.origin}</p>
                <p className="mt-2 font-medium">{tea.price}</p>
                <button type="button" className="mt-3 rounded border border-green-800 px-3 py-1.5 text-sm font-semibold text-green-900 hover:bg-green-50 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-700">
                  {copy.addToCart}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section id="stores" aria-labelledby="stores-title" className="py-8">
          <h2 id="stores-title" className="font-serif text-2xl font-semibold text-green-900">{copy.storesTitle}</h2>
          <p className="mt-2">{copy.storesText}</p>
        </section>
      </main>
      <footer className="bg-green-950 px-4 py-6 text-sm text-green-50">
        <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-2">
          <PrivacyChoicesButton label={copy.footer.privacyChoices} />
          <a href={hostedPathIn(site.preferencePagePublicId, {}, locale)} className="rounded underline underline-offset-4 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-300">
            {copy.footer.preferenceCentre}
          </a>
          <p>{copy.footer.rights}</p>
        </div>
      </footer>
    </div>
  );
}
