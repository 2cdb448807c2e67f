import { describe, expect, it } from "vitest";
import { dataLosingStatements, migrationFileName, supplement } from "./schema-migration";

const migration = (version: string) => ({ version, name: "x", sql: "" });

describe("migrationFileName", () => {
  it("names the migration by the UTC time", () => {
    expect(migrationFileName(new Date("2026-12-09T08:07:06.900Z"), "add_icon", [migration("20261208101010")])).toBe(
      "20261209080706_add_icon.sql",
    );
  });

  it("comes after every existing migration, even one stamped later than this clock", () => {
    expect(migrationFileName(new Date("2026-12-07T21:00:00Z"), "add_icon", [migration("20261208235959"), migration("20261101000000")])).toBe(
      "20261209000000_add_icon.sql",
    );
  });
});

describe("dataLosingStatements", () => {
  it("flags what loses stored data, not a policy or a function made again", () => {
    const sql = [
      'drop policy "a" on "public"."t";',
      'drop function if exists "public"."f"(text);',
      'alter table "public"."t" drop column "c";',
      'drop table "public"."u";',
      'alter table "public"."t" alter column "d" set data type integer using "d"::integer;',
      'drop index if exists "public"."i";',
    ].join("\n\n");
    expect(dataLosingStatements(sql)).toEqual([
      'alter table "public"."t" drop column "c"',
      'drop table "public"."u"',
      'alter table "public"."t" alter column "d" set data type integer using "d"::integer',
    ]);
  });
});

describe("supplement", () => {
  it("resets a column's privileges and grants the target's", () => {
    const current = new Map([["ACL public.COLUMN t.c", "GRANT SELECT(c) ON TABLE public.t TO anon;\n"]]);
    const target = new Map([["ACL public.COLUMN t.c", "GRANT UPDATE(c) ON TABLE public.t TO authenticated;\n"]]);
    expect(supplement(current, target)).toBe(
      "REVOKE ALL(c) ON TABLE public.t FROM PUBLIC, anon, authenticated;\nGRANT UPDATE(c) ON TABLE public.t TO authenticated;",
    );
  });

  it("keeps PUBLIC's execute on a function unless the target revokes it", () => {
    const current = new Map([["ACL public.FUNCTION f()", "REVOKE ALL ON FUNCTION public.f() FROM PUBLIC;\n"]]);
    expect(supplement(current, new Map())).toBe(
      "REVOKE ALL ON FUNCTION public.f() FROM PUBLIC;\nGRANT ALL ON FUNCTION public.f() TO PUBLIC;",
    );
  });

  it("sets and removes comments, leaves what is equal alone", () => {
    const same = ["TABLE public.t", "CREATE TABLE public.t ();\n"] as const;
    const current = new Map([same, ["COMMENT public.TABLE u", "COMMENT ON TABLE public.u IS 'it''s old';\n"]]);
    const target = new Map([same, ["COMMENT public.TABLE v", "COMMENT ON TABLE public.v IS 'new';\n"]]);
    expect(supplement(current, target)).toBe("COMMENT ON TABLE public.u IS NULL;\nCOMMENT ON TABLE public.v IS 'new';\n");
  });
});
