import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { acceptInvitationAction } from "@/lib/actions/console/tenancy";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { LocaleSwitcher } from "@/components/console/locale-switcher";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentClaims } from "@/lib/auth/session";
import { Link } from "@/lib/i18n/navigation";
import { asVisitor } from "@/lib/public/visitor";
import { invitationPreview } from "@/lib/tenancy/invitations";

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "invitation" });
  return { title: t("title") };
}

/**
 * Where an invitation link lands, signed in or not: who invited whom, to which workspace and
 * role (public.invitation_preview, which tells the link's holder nothing more). Signed out, the
 * person creates the account right here (or signs in) and comes back to accept.
 */
export default async function InvitationPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const [claims, preview, t, roles, format] = await Promise.all([
    currentClaims(),
    asVisitor((sql) => invitationPreview(sql, token)),
    getTranslations("invitation"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  const returnTo = `/invitations/${encodeURIComponent(token)}`;
  const wrongAccount = claims && preview?.status === "pending" && preview.email.toLowerCase() !== claims.email?.toLowerCase();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex justify-end border-b border-slate-300 bg-white px-6 py-3">
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto flex w-full max-w-lg flex-col gap-4 px-6 py-10">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {!preview ? (
          <p role="alert">{t("invalid")}</p>
        ) : preview.status !== "pending" ? (
          <p role="alert">{t(`status.${preview.status}`)}</p>
        ) : (
          <>
            <p data-testid="invitation-summary">
              {t("body", {
                inviter: preview.invitedByName ? t("inviterWithName", { name: preview.invitedByName, email: preview.invitedByEmail }) : preview.invitedByEmail,
                email: preview.email,
                workspace: preview.workspaceName,
                role: roles(preview.role),
              })}
            </p>
            <p className="text-sm text-slate-700">{t("expires", { date: format.dateTime(preview.expiresAt, { dateStyle: "long" }) })}</p>
            {!claims ? (
              <>
                <section aria-labelledby="create-account-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-6">
                  <h2 id="create-account-heading" className="text-lg font-medium">{t("createTitle")}</h2>
                  <p className="text-sm text-slate-700">{t("createBody", { email: preview.email, workspace: preview.workspaceName })}</p>
                  <CredentialsForm mode="sign-up" locale={locale} next={returnTo} email={preview.email} />
                </section>
                <p>
                  {t("haveAccount", { email: preview.email })}{" "}
                  <Link href={{ pathname: "/sign-in", query: { next: returnTo } }} className="font-medium text-sky-800 underline">
                    {t("signInToAccept")}
                  </Link>
                </p>
              </>
            ) : wrongAccount ? (
              <p role="alert">{t("wrongAccount", { invited: preview.email, current: claims.email ?? "" })}</p>
            ) : (
              <ActionForm action={acceptInvitationAction} hidden={{ token, locale }}>
                <SubmitButton pendingLabel={t("accepting")}>{t("accept", { workspace: preview.workspaceName })}</SubmitButton>
              </ActionForm>
            )}
          </>
        )}
      </main>
    </div>
  );
}
