import { getLocale, getTranslations } from "next-intl/server";
import { ExportPanel } from "@/components/records/export-panel";
import { FindPersonForm } from "@/components/records/find-person-form";
import { RecordFiltersForm } from "@/components/records/record-filters";
import { RecordsTable } from "@/components/records/records-table";
import { readCatalog } from "@/lib/catalog/catalog";
import { readAsOperator, workspaceForPage } from "@/lib/console/operator";
import { Link } from "@/lib/i18n/navigation";
import { activeFilters, parseRecordFilters, recordCursorSchema } from "@/lib/records/filters";
import { searchRecords } from "@/lib/records/search";
import { RECORDS_CAN } from "@/lib/records/permissions";

type Props = {
  params: Promise<{ locale: string; workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "records" });
  return { title: t("title") };
}

export default async function RecordsPage({ params, searchParams }: Props) {
  const { workspaceId } = await params;
  const workspace = await workspaceForPage(workspaceId);
  const query = await searchParams;
  const parsed = parseRecordFilters(query);
  const after = typeof query.after === "string" && recordCursorSchema.safeParse(query.after).success ? query.after : null;
  const [page, catalog, t, locale] = await Promise.all([
    readAsOperator((sql) => searchRecords(sql, workspace.id, parsed.filters, { after })),
    readAsOperator((sql) => readCatalog(sql, workspace.id)),
    getTranslations("records"),
    getLocale(),
  ]);
  const purposes = catalog.purposes.map((p) => ({ id: p.id, label: p.name[locale] ?? p.name.en ?? p.key }));
  const purposeLabel = (id: string, key: string) => purposes.find((p) => p.id === id)?.label ?? key;
  const filters = activeFilters(parsed.filters);
  const { subject: _subject, ...everyone } = filters;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <FindPersonForm workspaceId={workspace.id} />
      <RecordFiltersForm filters={parsed.filters} purposes={purposes} />
      {!parsed.ok ? <p role="alert" className="text-red-800">{t("badFilter")}</p> : null}
      {parsed.filters.subject ? (
        <p className="text-sm">
          {t("onePerson")}{" "}
          <Link href={{ pathname: `/w/${workspace.id}/records`, query: everyone }} className="text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("everyone")}
          </Link>
        </p>
      ) : null}
      <p role="status" data-testid="records-count" className="text-sm text-slate-900">
        {page.totalCapped ? t("countCapped", { count: page.total }) : t("count", { count: page.total })}
      </p>
      {page.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-400 bg-white p-6 text-slate-700">{t("empty")}</p>
      ) : (
        <RecordsTable workspaceId={workspace.id} rows={page.rows} purposeLabel={purposeLabel} />
      )}
      <nav aria-label={t("pagination")} className="flex gap-4">
        {after ? (
          <Link href={{ pathname: `/w/${workspace.id}/records`, query: filters }} className="font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("newest")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={{ pathname: `/w/${workspace.id}/records`, query: { ...filters, after: page.nextCursor } }} className="font-medium text-sky-800 underline focus-visible:outline-3 focus-visible:outline-sky-600">
            {t("older")}
          </Link>
        ) : null}
      </nav>
      {RECORDS_CAN.export(workspace.myRole) ? <ExportPanel workspaceId={workspace.id} filters={filters} /> : <p className="text-sm text-slate-700">{t("export.notAllowed")}</p>}
    </>
  );
}
