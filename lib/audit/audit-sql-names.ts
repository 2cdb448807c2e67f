import type { Migration } from "@/lib/db/migrations";

/**
 * What the migrations write into the audit log, read from their text: the actions raised by
 * `private.append_audit(…)` calls and the top-level keys of the before/after objects they build.
 * Used by the test that makes every action and field shown in the audit log have a name in each
 * language. Row triggers (`private.audit_row_change('entity', …)`) are listed too; their fields
 * are the audited table's columns, which only the database knows.
 */
export interface AuditSqlNames {
  /** Literal actions, e.g. `experience.published`. */
  actions: Set<string>;
  /** Action prefixes completed at run time, e.g. `notice_version.` in `'notice_version.' || status`. */
  prefixes: Set<string>;
  /** Keys of the objects written as before/after. */
  fields: Set<string>;
  /** Entities of row triggers: each records `<entity>.created|updated|deleted`. */
  rowEntities: Set<string>;
}

const ACTION = /^[a-z_]+\.[a-z_]+$/;
const PREFIX = /^[a-z_]+\.[a-z_]*$/;

/** The text from `open` (an opening parenthesis) to its matching close, ignoring quoted text. */
function balanced(sql: string, open: number): string {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const char = sql[i];
    if (char === "'") {
      i = sql.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return sql.slice(open + 1, i);
  }
  return sql.slice(open + 1);
}

export function auditSqlNames(migrations: readonly Pick<Migration, "sql">[]): AuditSqlNames {
  const names: AuditSqlNames = { actions: new Set(), prefixes: new Set(), fields: new Set(), rowEntities: new Set() };
  for (const { sql } of migrations) {
    const text = sql.replace(/--[^\n]*/g, "");
    for (const match of text.matchAll(/private\.audit_row_change\('([a-z_]+)'/g)) names.rowEntities.add(match[1]!);
    for (const match of text.matchAll(/private\.append_audit\(/g)) {
      const call = balanced(text, match.index + match[0].length - 1);
      // The definition itself (`append_audit(workspace_id uuid, …)`) and grants name types, not values.
      if (/\buuid\b/.test(call) && !call.includes("'")) continue;
      for (const literal of call.matchAll(/'([^']*)'(\s*\|\|)?/g)) {
        const value = literal[1]!;
        if (literal[2] && PREFIX.test(value)) names.prefixes.add(value);
        else if (ACTION.test(value)) names.actions.add(value);
      }
      for (const object of call.matchAll(/jsonb_build_object\(/g)) {
        const args = balanced(call, object.index + object[0].length - 1);
        // Keys only: a literal followed by a comma at the object's own depth.
        let depth = 0;
        let position = 0;
        const parts: string[] = [];
        let current = "";
        for (; position < args.length; position++) {
          const char = args[position]!;
          if (char === "'") {
            const end = args.indexOf("'", position + 1);
            current += args.slice(position, end + 1);
            position = end;
            continue;
          }
          if (char === "(") depth++;
          if (char === ")") depth--;
          if (char === "," && depth === 0) {
            parts.push(current.trim());
            current = "";
          } else current += char;
        }
        parts.push(current.trim());
        for (let i = 0; i < parts.length; i += 2) {
          const key = /^'([a-z_]+)'$/.exec(parts[i]!);
          if (key) names.fields.add(key[1]!);
        }
      }
    }
  }
  return names;
}
