import { useTranslations } from "next-intl";

/** A code the catalog does not name yet, in words rather than snake_case (`row_count` → "row count"). */
export const spelledOut = (code: string) => code.replace(/[._]+/g, " ").trim();

/** The before → after summary of one audit entry, one line per changed field, named in the reader's language. */
export function AuditEntryChanges({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const t = useTranslations("audit");
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return null;
  const show = (value: unknown) =>
    value === undefined || value === null ? "—" : typeof value === "boolean" ? t(value ? "yes" : "no") : typeof value === "string" ? value : JSON.stringify(value);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt className="text-slate-700">{t.has(`fields.${key}`) ? t(`fields.${key}`) : spelledOut(key)}</dt>
          <dd className="font-mono break-all">
            {before ? <span className="text-red-800 line-through" aria-label={t("beforeValue")}>{show(before[key])}</span> : null}
            {before && after ? " → " : null}
            {after ? <span className="text-emerald-800">{show(after[key])}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
