import { useFormatter, useTranslations } from "next-intl";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A code the catalog does not name yet, in words rather than snake_case (`row_count` → "row count"). */
export const spelledOut = (code: string) => code.replace(/[._]+/g, " ").trim();

/** The before → after summary of one audit entry, one line per changed field, named in the reader's language. */
export function AuditEntryChanges({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const t = useTranslations("audit");
  const roles = useTranslations("roles");
  const format = useFormatter();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return null;
  // Values in words where the log knows them: yes/no, a role's name, a time in the reader's format.
  const show = (key: string, value: unknown) => {
    if (value === undefined || value === null) return "—";
    if (typeof value === "boolean") return t(value ? "yes" : "no");
    if (typeof value !== "string") return JSON.stringify(value);
    if (key === "role" && roles.has(value)) return roles(value);
    if (ISO_TIME.test(value)) return format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "medium" });
    return value;
  };
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
      {keys.map((key) => (
        <div key={key} className="contents">
          <dt className="text-slate-700">{t.has(`fields.${key}`) ? t(`fields.${key}`) : spelledOut(key)}</dt>
          <dd className="font-mono break-all">
            {before ? <span className="text-red-800 line-through" aria-label={t("beforeValue")}>{show(key, before[key])}</span> : null}
            {before && after ? " → " : null}
            {after ? <span className="text-emerald-800">{show(key, after[key])}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
