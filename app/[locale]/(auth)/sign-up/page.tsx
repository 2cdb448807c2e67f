import { getTranslations, setRequestLocale } from "next-intl/server";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { safeNextPath } from "@/lib/console/next-path";
import { Link } from "@/lib/i18n/navigation";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "auth" });
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("signUpTitle")}</h1>
      <CredentialsForm mode="sign-up" locale={locale} next={next} />
      <p>
        {t("haveAccount")}{" "}
        <Link href={next ? { pathname: "/sign-in", query: { next } } : "/sign-in"} className="font-medium text-sky-800 underline">
          {t("signInLink")}
        </Link>
      </p>
    </>
  );
}
