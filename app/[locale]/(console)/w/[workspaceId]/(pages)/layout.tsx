import { getTranslations } from "next-intl/server";
import { WorkspaceNav } from "@/components/console/workspace-nav";
import { workspaceForPage } from "@/lib/console/operator";
import { CAN } from "@/lib/tenancy/schemas";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  const workspace = await workspaceForPage((await params).workspaceId);
  const t = await getTranslations("workspaceNav");
  const dataRequests = await getTranslations("dataRequests");
  const regions = await getTranslations("regions");
  const records = await getTranslations("records");
  const base = `/w/${workspace.id}`;
  const links = [
    { href: base, label: t("overview") },
    { href: `${base}/experiences`, label: t("experiences") },
    { href: `${base}/notices`, label: t("notices") },
    { href: `${base}/catalog`, label: t("catalog") },
    { href: `${base}/regions`, label: regions("nav") },
    { href: `${base}/records`, label: records("nav") },
    { href: `${base}/destinations`, label: t("destinations") },
    { href: `${base}/members`, label: t("members") },
    ...(CAN.manageMembers(workspace.myRole) ? [{ href: `${base}/api-keys`, label: t("apiKeys") }] : []),
    ...(CAN.readAudit(workspace.myRole) ? [{ href: `${base}/audit`, label: t("audit") }] : []),
    ...(CAN.readAudit(workspace.myRole) ? [{ href: `${base}/requests`, label: dataRequests("nav") }] : []),
    // Messages hold usable one-time codes: owners and admins only, as the page and the database say.
    ...(CAN.manageMembers(workspace.myRole) ? [{ href: `${base}/outbox`, label: t("outbox") }] : []),
    { href: `${base}/settings`, label: t("settings") },
  ];
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-6 py-6">
      <div>
        <p className="text-sm text-slate-700">{workspace.legalEntityName}</p>
        <p className="text-xl font-semibold" data-testid="workspace-name">
          {workspace.name}
        </p>
      </div>
      <WorkspaceNav label={t("label")} links={links} />
      <main className="flex flex-col gap-6">{children}</main>
    </div>
  );
}
