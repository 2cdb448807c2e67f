import { getTranslations, setRequestLocale } from "next-intl/server";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { MagicLinkForm } from "@/components/auth/magic-link-form";
import { safeNextPath } from "@/lib/console/next-path";
import { deploymentProfile } from "@/lib/env";
import { Link } from "@/lib/i18n/navigation";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "auth" });
  return { title: t("signInTitle") };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("signInTitle")}</h1>
      <CredentialsForm mode="sign-in" locale={locale} next={next} />
      {deploymentProfile() === "supabase" ? (
        <section aria-labelledby="magic-link-heading" className="flex flex-col gap-3 border-t border-slate-300 pt-6">
          <h2 id="magic-link-heading" className="text-lg font-medium">
            {t("magicLinkTitle")}
          </h2>
          <MagicLinkForm locale={locale} next={next} />
        </section>
      ) : null}
      <p>
        {t("noAccount")}{" "}
        <Link href={next ? { pathname: "/sign-up", query: { next } } : "/sign-up"} className="font-medium text-sky-800 underline">
          {t("signUpLink")}
        </Link>
      </p>
    </>
  );
}
