import type { Database, Sql } from "@/lib/db/types";
import { richTextFromParagraphs, type RichTextDoc } from "@/lib/experience/rich-text";
import type { PersonaName, TenancyFixture } from "@/lib/testing/tenancy-fixture";

/** Helpers for the notice suites: everything goes through the same SQL entry points the product uses. */

export const doc = (...paragraphs: string[]): RichTextDoc => richTextFromParagraphs(paragraphs);

/** Creates a notice through public.create_notice as `who`; returns it with its version 1. */
export async function createNoticeAs(
  fx: TenancyFixture,
  who: PersonaName,
  options: { name?: string; kind?: string; sourceLocale?: string; locales?: string[]; workspaceId?: string } = {},
): Promise<{ noticeId: string; versionId: string }> {
  return fx.as(who, async (sql) => {
    const [notice] = await sql.query<{ id: string }>("select public.create_notice($1, $2, $3, $4, $5) as id", [
      options.workspaceId ?? fx.workspaceA,
      options.name ?? "Privacy notice",
      options.kind ?? "privacy_notice",
      options.sourceLocale ?? "en",
      options.locales ?? ["en"],
    ]);
    const [version] = await sql.query<{ id: string }>("select id from public.notice_versions where notice_id = $1 and number = 1", [
      notice!.id,
    ]);
    return { noticeId: notice!.id, versionId: version!.id };
  });
}

export async function purposeIds(fx: TenancyFixture, keys: readonly string[], workspaceId = fx.workspaceA): Promise<Record<string, string>> {
  const rows = await fx.as("owner", (sql) =>
    sql.query<{ id: string; key: string }>("select id, key from public.purposes where workspace_id = $1 and key = any ($2)", [
      workspaceId,
      keys,
    ]),
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.id]));
}

/** The controller as workspace A names it (the fixture's create_workspace arguments). */
export async function controllerOf(fx: TenancyFixture): Promise<{ entity: string; contact: string }> {
  const [row] = await fx.as("owner", (sql) =>
    sql.query<{ entity: string; contact: string }>(
      "select legal_entity_name as entity, contact_address as contact from public.workspaces where id = $1",
      [fx.workspaceA],
    ),
  );
  return row!;
}

/** Sets draft columns directly, as `who`, under RLS; returns how many rows changed. */
export async function editVersion(fx: TenancyFixture, who: PersonaName, versionId: string, set: Record<string, unknown>): Promise<number> {
  return fx.as(who, (sql) => updateVersion(sql, versionId, set));
}

export async function updateVersion(sql: Sql, versionId: string, set: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(set);
  const assignments = columns.map((column, index) => `${column} = $${index + 2}`).join(", ");
  const values = columns.map((column) => {
    const value = set[column];
    return typeof value === "object" && value !== null && !Array.isArray(value) ? JSON.stringify(value) : value;
  });
  const rows = await sql.query(`update public.notice_versions set ${assignments} where id = $1 returning id`, [versionId, ...values]);
  return rows.length;
}

export interface StoredVersion {
  id: string;
  notice_id: string;
  number: number;
  status: string;
  content: Record<string, unknown>;
  locale_updated_at: Record<string, string>;
  rights_statement: Record<string, string>;
  purpose_statements: Record<string, Record<string, string>>;
  purpose_ids: string[];
  jurisdictions: string[];
  material_change: boolean;
  author_id: string;
  contributor_ids: string[];
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  content_hash: string | null;
}

/** The row as stored, read past RLS. */
export async function storedVersion(db: Database, versionId: string): Promise<StoredVersion> {
  const [row] = await db.query<StoredVersion>("select * from public.notice_versions where id = $1", [versionId]);
  if (!row) throw new Error(`no notice version ${versionId}`);
  return row;
}

export const call = {
  submit: "select public.submit_notice_version($1)",
  approve: "select public.approve_notice_version($1)",
  reject: "select public.reject_notice_version($1, $2)",
  newVersion: "select public.create_notice_version($1) as id",
  problems: "select code, purpose_key, locale from public.notice_version_problems($1)",
} as const;
