import { getFormatter, getTranslations } from "next-intl/server";
import { NewExperienceForm } from "@/components/console/new-experience-form";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { listExperiences } from "@/lib/experiences/experiences";
import { Link } from "@/lib/i18n/navigation";
import { CAN } from "@/lib/tenancy/schemas";

type Props = { params: Promise<{ locale: string; workspaceId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "experiences" });
  return { title: t("title") };
}

export default async function ExperiencesPage({ params }: Props) {
  const { locale, workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const [experiences, t, kinds, format] = await Promise.all([
    readAsOperator((sql) => listExperiences(sql, workspace.id)),
    getTranslations("experiences"),
    getTranslations("experienceKinds"),
    getFormatter(),
  ]);
  const canDesign = CAN.designExperiences(workspace.myRole);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {experiences.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{canDesign ? t("emptyDesigner") : t("emptyViewer")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {experiences.map((experience) => (
            <li key={experience.id}>
              <Link
                href={`/w/${workspace.id}/experiences/${experience.id}`}
                className="block rounded-lg border border-slate-300 bg-white p-4 hover:border-sky-700 focus-visible:outline-3 focus-visible:outline-sky-600"
                data-testid="experience-card"
              >
                <span className="block font-medium">{experience.name}</span>
                <span className="block text-sm text-slate-700">{kinds(experience.kind)}</span>
                <span className="mt-2 block text-sm text-slate-700">
                  {t("lastSaved", { date: format.dateTime(experience.updatedAt, { dateStyle: "medium", timeStyle: "short" }), who: experience.updatedByEmail ?? "—" })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canDesign ? (
        <section aria-labelledby="new-experience-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="new-experience-heading" className="text-lg font-medium">{t("newTitle")}</h2>
          <NewExperienceForm workspaceId={workspace.id} locale={locale} defaultContentLocale={workspace.defaultLocale} />
        </section>
      ) : null}
    </>
  );
}
