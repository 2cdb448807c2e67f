import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import zhTW from "@/lib/i18n/messages/zh-TW.json";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { auditSqlNames } from "./audit-sql-names";

/**
 * Every field an audit entry of a row trigger can show is a column of the audited table (less
 * the columns the trigger hides): each needs a name in every language, or the audit log shows
 * `live_version_id`. The columns come from the migrated database itself, so a column added
 * later without a name fails here.
 */

const CATALOGS = { en, "zh-CN": zhCN, "zh-TW": zhTW } as const;
const fieldNames = (catalog: (typeof CATALOGS)[keyof typeof CATALOGS]) => (catalog.audit as unknown as { fields?: Record<string, string> }).fields ?? {};

describe("audit field names, from the audited tables' columns (PGlite)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t?.close());

  it("names every column a row trigger records, in en, zh-CN and zh-TW", async () => {
    const triggers = await t.db.query<{ table: string; definition: string }>(
      `select tgrelid::regclass::text as table, pg_get_triggerdef(t.oid) as definition
       from pg_trigger t join pg_proc p on p.oid = t.tgfoid join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and p.proname = 'audit_row_change' and not t.tgisinternal`,
    );
    expect(triggers.length).toBeGreaterThan(10);
    const shown = new Set<string>();
    for (const trigger of triggers) {
      const args = [...trigger.definition.replace(/.*audit_row_change\(/, "").matchAll(/'([^']*)'/g)].map((match) => match[1]!);
      const hidden = new Set(["updated_at", ...args.slice(3)]);
      const columns = await t.db.query<{ name: string }>(
        "select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped",
        [trigger.table],
      );
      for (const { name } of columns) if (!hidden.has(name)) shown.add(name);
    }
    for (const field of auditSqlNames(await readMigrations()).fields) shown.add(field);
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      const missing = [...shown].filter((field) => !fieldNames(catalog)[field]).sort();
      expect(missing, `audit.fields without a name in ${locale}`).toEqual([]);
    }
  });
});
