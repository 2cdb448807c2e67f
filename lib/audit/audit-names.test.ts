import { describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import zhTW from "@/lib/i18n/messages/zh-TW.json";
import { auditSqlNames } from "./audit-sql-names";

/**
 * Every action the database writes into the audit log has a name in every language: the log
 * shows words, not `experience.updated`. Actions are read from the migrations' text, so an
 * action raised in a new migration without a name fails here.
 */

// Actions completed at run time from a prefix: what each prefix can become. A new prefix fails
// the test until it is listed here (and named).
const PREFIX_COMPLETIONS: Record<string, readonly string[]> = {
  // 'notice_version.' || case new.status when 'in_review' then 'submitted' else new.status end (never draft)
  "notice_version.": ["submitted", "approved", "rejected"],
  // 'records.export_' || phase, phase in ('started', 'completed', 'cancelled')
  "records.export_": ["started", "completed", "cancelled"],
};

const CATALOGS = { en, "zh-CN": zhCN, "zh-TW": zhTW } as const;

function named(catalog: unknown, action: string): boolean {
  const [entity, verb] = action.split(".");
  const actions = (catalog as { audit: { actions: Record<string, Record<string, string> | undefined> } }).audit.actions;
  return typeof actions[entity!]?.[verb!] === "string";
}

describe("audit action names", async () => {
  const names = auditSqlNames(await readMigrations());
  const actions = new Set(names.actions);
  for (const entity of names.rowEntities) for (const verb of ["created", "updated", "deleted"]) actions.add(`${entity}.${verb}`);
  for (const prefix of names.prefixes) for (const completion of PREFIX_COMPLETIONS[prefix] ?? []) actions.add(prefix + completion);

  it("reads the actions the migrations raise", () => {
    expect([...names.actions]).toEqual(expect.arrayContaining(["experience.published", "experience.unpublished", "subject.linked", "consent.operator_entry"]));
    expect([...names.rowEntities]).toEqual(expect.arrayContaining(["workspace", "notice_version", "data_subject_request"]));
    expect([...names.fields]).toEqual(expect.arrayContaining(["live_version_id", "row_count", "content_hash"]));
  });

  it("knows what every run-time prefix becomes", () => {
    expect([...names.prefixes].filter((prefix) => !PREFIX_COMPLETIONS[prefix])).toEqual([]);
  });

  it.each(Object.keys(CATALOGS) as (keyof typeof CATALOGS)[])("names every action in %s", (locale) => {
    expect([...actions].filter((action) => !named(CATALOGS[locale], action)).sort()).toEqual([]);
  });
});

describe("auditSqlNames", () => {
  it("finds literal actions, prefixes and top-level keys, and skips the definition", () => {
    const names = auditSqlNames([
      {
        sql: `create function private.append_audit(workspace_id uuid, action text) returns bigint as $$ select 1 $$;
          -- perform private.append_audit(ws, 'commented.out', 'x', null, null, null);
          perform private.append_audit(ws, 'thing.done', 'thing', id::text, jsonb_build_object('old_value', x),
            jsonb_strip_nulls(jsonb_build_object('new_value', f(a, b), 'nested', jsonb_build_object('inner', 1))));
          perform private.append_audit(ws, 'thing.phase_' || phase, 'thing', null, null, null);
          create trigger t after insert on public.t for each row execute function private.audit_row_change('widget', 'workspace_id', 'id');`,
      },
    ]);
    expect([...names.actions]).toEqual(["thing.done"]);
    expect([...names.prefixes]).toEqual(["thing.phase_"]);
    expect([...names.fields].sort()).toEqual(["inner", "nested", "new_value", "old_value"]);
    expect([...names.rowEntities]).toEqual(["widget"]);
  });
});
