/**
 * The two export formats, each row rendered as one line of text by PostgreSQL itself, so the
 * server process only joins lines (and the database formats on its own core).
 * CSV: RFC 4180 as csv-stringify writes it (comma, CRLF, a field with a comma, quote or line
 * break quoted with quotes doubled), a header row first, UTF-8 with a byte-order mark.
 * JSON: NDJSON (one JSON object per line, `application/x-ndjson`), not one big array: every line
 * stands alone, so a reader can process the file as it arrives.
 *
 * Why not csv-stringify on each row: here it costs ~35 µs per 25-column row (plus the driver's
 * row objects), which alone exceeds the 30 s benchmarks.md P6 allows for 1,000,000 rows.
 * records.db.test.ts checks the output equals csv-stringify's rendering of the same rows.
 */
export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export const LINE_ENDINGS: Record<ExportFormat, string> = { csv: "\r\n", ndjson: "\n" };

const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Every proof field of an event, in export order: [name, SQL value, kind]. `text` values are typed
 * by people or hold JSON, so CSV quotes them when needed and keeps a cell that starts like a
 * formula as text (OWASP "CSV injection"); `plain` values are ids, hashes, enum values, numbers,
 * booleans, timestamps and language tags, which their types and CHECK constraints keep free of
 * commas, quotes and line breaks.
 */
const COLUMNS: readonly [string, string, "plain" | "text" | "json"][] = [
  ["id", "e.id", "plain"],
  ["received_at", utc("e.received_at"), "plain"],
  ["occurred_at", utc("e.occurred_at"), "plain"],
  ["subject_id", "e.subject_id", "plain"],
  ["seq", "e.seq", "plain"],
  ["identifier_kind", "e.identifier_kind", "plain"],
  ["identifier_hash", "e.identifier_hash", "plain"],
  ["expressed_by", "e.expressed_by", "plain"],
  ["purpose_id", "e.purpose_id", "plain"],
  ["purpose_key", "e.purpose ->> 'key'", "text"],
  ["state", "e.state", "plain"],
  ["consent_type", "e.consent_type", "plain"],
  ["method", "e.method", "plain"],
  ["channel", "e.channel", "plain"],
  ["contact_channel", "e.contact_channel", "plain"],
  ["separately_given", "e.separately_given", "plain"],
  ["region_code", "e.region_code", "text"],
  ["region_resolution", "e.region_resolution", "json"],
  ["language", "e.language", "plain"],
  ["experience_version_id", "e.experience_version_id", "plain"],
  ["notice_versions", "e.notice_versions", "json"],
  ["expires_at", utc("e.expires_at"), "plain"],
  ["withdraw_url", "e.withdraw_url", "text"],
  ["hash", "e.hash", "plain"],
  ["prev_hash", "e.prev_hash", "plain"],
];

export const EXPORTED_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

function csvCell(value: string, kind: "plain" | "text" | "json"): string {
  if (kind === "plain") return `coalesce((${value})::text, '')`;
  const text = `(${value})::text`;
  const guarded = kind === "text" ? `(case when ${text} ~ '^[-=+@\\t\\r]' then '''' || ${text} else ${text} end)` : text;
  return `coalesce(case when ${guarded} ~ '[",\\r\\n]' then '"' || replace(${guarded}, '"', '""') || '"' else ${guarded} end, '')`;
}

/** The SELECT expression that renders one event (alias `e`) as one line of `format`, without its line ending. */
export function recordLineSql(format: ExportFormat): string {
  if (format === "ndjson") {
    return `json_build_object(${COLUMNS.map(([name, value]) => `'${name}', ${value}`).join(", ")})::text`;
  }
  return `concat_ws(',', ${COLUMNS.map(([, value, kind]) => csvCell(value, kind)).join(", ")})`;
}

export function exportHeader(format: ExportFormat): string {
  // The byte-order mark lets spreadsheet programs read UTF-8.
  return format === "csv" ? `\uFEFF${EXPORTED_COLUMNS.join(",")}\r\n` : "";
}
