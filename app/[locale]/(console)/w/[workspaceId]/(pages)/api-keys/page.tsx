import { getFormatter, getTranslations } from "next-intl/server";
import { revokeApiKeyAction } from "@/lib/actions/console/integrations";
import { NewApiKeyForm } from "@/components/integrations/new-api-key-form";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { listApiKeys } from "@/lib/consent/api-keys";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "apiKeys" });
  return { title: t("title") };
}

/** Secret keys for servers calling /api/v1 (stored hashed, scoped, revocable). Owners and admins only. */
export default async function ApiKeysPage({ params }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const t = await getTranslations("apiKeys");
  if (!CAN.manageMembers(workspace.myRole)) return <p className="rounded-md border border-slate-300 bg-white p-4">{t("ownersOnly")}</p>;
  const [keys, format] = await Promise.all([readAsOperator((sql) => listApiKeys(sql, workspace.id)), getFormatter()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      {keys.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="api-key-row">
              <span className="font-medium">{key.name}</span>
              <code>{key.prefix}…</code>
              <span>{key.scopes.join(", ")}</span>
              <span className="text-slate-700">
                {key.revokedAt ? t("revokedOn", { date: format.dateTime(new Date(key.revokedAt), { dateStyle: "medium" }) }) : key.lastUsedAt ? t("lastUsed", { date: format.dateTime(new Date(key.lastUsedAt), { dateStyle: "medium", timeStyle: "short" }) }) : t("neverUsed")}
              </span>
              {!key.revokedAt ? (
                <ActionForm action={revokeApiKeyAction} hidden={{ workspaceId: workspace.id, keyId: key.id, locale }} className="ms-auto">
                  <SubmitButton tone="danger" pendingLabel={t("working")}>{t("revoke", { name: key.name })}</SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-key-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
        <h2 id="new-key-heading" className="text-lg font-medium">{t("newTitle")}</h2>
        <NewApiKeyForm workspaceId={workspace.id} />
      </section>
    </>
  );
}
