import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXPECTED_ERROR_CODES, toExpectedError } from "@/lib/errors";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import zhTW from "@/lib/i18n/messages/zh-TW.json";

/**
 * Issue 15, item 8: every `consentry.<code>` the migrations raise is a registered expected error
 * with a message in every language, so none surfaces as a 500 / "unexpected".
 */
const MIGRATIONS = path.resolve(import.meta.dirname, "../supabase/migrations");

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "");
}

const raises = readdirSync(MIGRATIONS)
  .filter((name) => name.endsWith(".sql"))
  .flatMap((name) => {
    const sql = withoutComments(readFileSync(path.join(MIGRATIONS, name), "utf8"));
    return [...sql.matchAll(/raise\s+exception\s+([^;]*)/gi)].map((match) => ({ file: name, statement: match[1]!.trim() }));
  });

describe("error codes raised in SQL", () => {
  it("finds the raises (the scan itself works)", () => {
    expect(raises.length).toBeGreaterThan(100);
  });

  it("every raise names a literal consentry.<code>", () => {
    const odd = raises.filter((r) => !/^'consentry\.[a-z_]+'/.test(r.statement)).map((r) => `${r.file}: raise exception ${r.statement.slice(0, 80)}`);
    expect(odd).toEqual([]);
  });

  it("every raised code is registered, translated in every language, and read back as itself", () => {
    const codes = [...new Set(raises.map((r) => /^'consentry\.([a-z_]+)'/.exec(r.statement)?.[1]).filter((c): c is string => Boolean(c)))].sort();
    const registered = new Set<string>(EXPECTED_ERROR_CODES);
    expect(codes.filter((code) => !registered.has(code))).toEqual([]);
    for (const [language, catalog] of [["en", en], ["zh-CN", zhCN], ["zh-TW", zhTW]] as const) {
      expect(codes.filter((code) => !(code in catalog.errors)).map((code) => `${language}: ${code}`)).toEqual([]);
    }
    for (const code of codes) expect(toExpectedError({ message: `consentry.${code}`, code: "P0001" })?.code).toBe(code);
  });
});
