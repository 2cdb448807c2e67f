import { useTranslations } from "next-intl";
import { spelledOut } from "@/components/console/audit-entry-changes";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { AuditFilter } from "@/lib/audit/audit-log";

/** A GET form: the filter lives in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ actions, filter }: { actions: string[]; filter: AuditFilter }) {
  const t = useTranslations("audit");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-4" role="search" aria-label={t("filterLabel")}>
      <SelectField
        label={t("action")}
        name="action"
        defaultValue={filter.action ?? ""}
        options={[{ value: "", label: t("anyAction") }, ...actions.map((action) => ({ value: action, label: t.has(`actions.${action}`) ? t(`actions.${action}`) : spelledOut(action) }))]}
      />
      <Field label={t("actor")} name="actor" type="search" defaultValue={filter.actor ?? ""} />
      <Field label={t("from")} name="from" type="date" defaultValue={filter.from ?? ""} />
      <Field label={t("to")} name="to" type="date" defaultValue={filter.to ?? ""} />
      <button type="submit" className={buttonClass("secondary")}>
        {t("applyFilter")}
      </button>
    </form>
  );
}
