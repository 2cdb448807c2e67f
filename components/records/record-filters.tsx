import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { COLLECTION_CHANNELS, CONSENT_METHODS, CONSENT_STATES } from "@/lib/consent/types";
import type { RecordFilters } from "@/lib/records/filters";

/** A GET form: the filters live in the URL (they hold no identifier), so a view can be shared. */
export function RecordFiltersForm({ filters, purposes }: { filters: RecordFilters; purposes: { id: string; label: string }[] }) {
  const t = useTranslations("records");
  const any = { value: "", label: t("filters.any") };
  return (
    <form method="get" role="search" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-4">
      {filters.subject ? <input type="hidden" name="subject" value={filters.subject} /> : null}
      <SelectField label={t("filters.purpose")} name="purpose" defaultValue={filters.purpose ?? ""} options={[any, ...purposes.map((p) => ({ value: p.id, label: p.label }))]} />
      <SelectField label={t("filters.state")} name="state" defaultValue={filters.state ?? ""} options={[any, ...CONSENT_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))]} />
      <SelectField label={t("filters.channel")} name="channel" defaultValue={filters.channel ?? ""} options={[any, ...COLLECTION_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))]} />
      <SelectField label={t("filters.method")} name="method" defaultValue={filters.method ?? ""} options={[any, ...CONSENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))]} />
      <Field label={t("filters.region")} name="region" defaultValue={filters.region ?? ""} maxLength={32} className="w-32" />
      <Field label={t("filters.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
      <Field label={t("filters.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
      <button type="submit" className={buttonClass("secondary")}>
        {t("filters.apply")}
      </button>
    </form>
  );
}
