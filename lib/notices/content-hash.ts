import { createHash } from "node:crypto";
import type { Jurisdiction, LocalizedText, NoticeContent } from "./schemas";

/**
 * The hash approval stores, recomputed outside the database so an auditor (or a test) does not
 * have to trust the SQL that wrote it. Mirrors private.notice_version_hash of
 * supabase/migrations/20261123200000_notices.sql: SHA-256 (hex) of the UTF-8 text PostgreSQL
 * prints for
 *   jsonb_build_object('format', 'consentry.notice_version.v1', 'notice_id', …, 'number', …,
 *     'content', …, 'rights_statement', …, 'purpose_statements', …, 'purpose_ids', …,
 *     'jurisdictions', …, 'material_change', …)
 */

export const NOTICE_HASH_FORMAT = "consentry.notice_version.v1";

export interface HashedNoticeVersion {
  noticeId: string;
  number: number;
  content: NoticeContent;
  rightsStatement: LocalizedText;
  purposeStatements: Record<string, LocalizedText>;
  purposeIds: readonly string[];
  jurisdictions: readonly Jurisdiction[];
  materialChange: boolean;
}

export function noticeVersionHash(version: HashedNoticeVersion): string {
  const canonical = canonicalJsonbText({
    format: NOTICE_HASH_FORMAT,
    notice_id: version.noticeId,
    number: version.number,
    content: version.content,
    rights_statement: version.rightsStatement,
    purpose_statements: version.purposeStatements,
    purpose_ids: version.purposeIds,
    jurisdictions: version.jurisdictions,
    material_change: version.materialChange,
  });
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

const utf8 = new TextEncoder();

/** jsonb orders an object's keys by byte length first, then byte by byte. */
function compareJsonbKeys(a: string, b: string): number {
  const left = utf8.encode(a);
  const right = utf8.encode(b);
  if (left.length !== right.length) return left.length - right.length;
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return left[index]! - right[index]!;
  }
  return 0;
}

/**
 * The text of `value::jsonb::text`: keys in jsonb order, ", " and ": " separators. Strings are
 * escaped as JSON.stringify does, which is what PostgreSQL's escape_json does for every string
 * jsonb can hold. Numbers are printed as JavaScript prints them: exact for the integers notices
 * contain (heading levels, list starts, version numbers).
 */
export function canonicalJsonbText(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new Error("jsonb holds finite numbers only");
      return String(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(canonicalJsonbText).join(", ")}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
      entries.sort(([a], [b]) => compareJsonbKeys(a, b));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${canonicalJsonbText(item)}`).join(", ")}}`;
    }
    default:
      throw new Error(`cannot hash a ${typeof value}`);
  }
}
