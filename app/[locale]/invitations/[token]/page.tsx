import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { acceptInvitationAction } from "@/app/[locale]/(console)/actions/tenancy";
import { LocaleSwitcher } from "@/components/console/locale-switcher";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, requireOperator } from "@/lib/console/operator";
import { peekInvitation } from "@/lib/tenancy/invitations";

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "invitation" });
  return { title: t("title") };
}

/** Where an invitation link lands: sign in (or up) first, then see what you are joining and accept. */
export default async function InvitationPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const claims = await requireOperator(`/invitations/${encodeURIComponent(token)}`);
  const [preview, t, roles, format] = await Promise.all([
    token.length <= 100 ? readAsOperator((sql) => peekInvitation(sql, token)) : Promise.resolve(null),
    getTranslations("invitation"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  const wrongAccount = preview && preview.email.toLowerCase() !== claims.email?.toLowerCase();
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
        ) : wrongAccount ? (
          <p role="alert">{t("wrongAccount", { invited: preview.email, current: claims.email ?? "" })}</p>
        ) : (
          <>
            <p>{t("body", { workspace: preview.workspaceName, role: roles(preview.role) })}</p>
            <p className="text-sm text-slate-700">{t("expires", { date: format.dateTime(preview.expiresAt, { dateStyle: "long" }) })}</p>
            <ActionForm action={acceptInvitationAction} hidden={{ token, locale }}>
              <SubmitButton pendingLabel={t("accepting")}>{t("accept", { workspace: preview.workspaceName })}</SubmitButton>
            </ActionForm>
          </>
        )}
      </main>
    </div>
  );
}
