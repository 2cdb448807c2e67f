import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Designer } from "@/components/designer/designer";
import { readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { getExperience } from "@/lib/experiences/experiences";
import { noticesForDesigner } from "@/lib/notices/designer-previews";
import { Link } from "@/lib/i18n/navigation";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string; experienceId: string }> };

async function load(workspaceId: string, experienceId: string) {
  const workspace = await workspaceForPage(workspaceId);
  if (!/^[0-9a-f-]{36}$/i.test(experienceId)) notFound();
  const [experience, catalog, notices] = await readAsOperator((sql) =>
    Promise.all([getExperience(sql, workspace.id, experienceId), readCatalog(sql, workspace.id), noticesForDesigner(sql, workspace.id)]),
  );
  if (!experience) notFound();
  return { workspace, experience, catalog, notices };
}

export async function generateMetadata({ params }: Props) {
  const { workspaceId, experienceId, locale } = await params;
  const [{ experience }, t] = await Promise.all([load(workspaceId, experienceId), getTranslations({ locale, namespace: "designer" })]);
  return { title: `${experience.name} · ${t("title")}` };
}

export default async function DesignerPage({ params }: Props) {
  const { workspaceId, experienceId } = await params;
  const { workspace, experience, catalog, notices } = await load(workspaceId, experienceId);
  const t = await getTranslations("designer");
  return (
    <main className="flex flex-1 flex-col">
      <div className="flex items-center gap-4 border-b border-slate-300 bg-white px-4 py-2">
        <Link href={`/w/${workspace.id}/experiences`} className="text-sm font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("back")}
        </Link>
        <h1 className="text-lg font-semibold" data-testid="experience-name">
          {experience.name}
        </h1>
        <Link href={`/w/${workspace.id}/experiences/${experience.id}`} className="ms-auto text-sm font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
          {t("publishing")}
        </Link>
      </div>
      <Designer
        key={`${experience.id}:${experience.revision}`}
        workspaceId={workspace.id}
        experienceId={experience.id}
        name={experience.name}
        revision={experience.revision}
        document={experience.document}
        catalog={catalog}
        notices={notices}
        canEdit={CAN.designExperiences(workspace.myRole)}
      />
    </main>
  );
}
