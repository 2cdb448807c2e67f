import { describe, expect, it } from "vitest";
import { EXPECTED_ERROR_CODES } from "@/lib/errors";
import { PUBLISH_PROBLEM_CODES } from "@/lib/experience";
import { NOTICE_PROBLEM_CODES } from "@/lib/notices/schemas";
import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import zhTW from "./messages/zh-TW.json";

/** Every leaf of a catalog as [path, value]; paths joined with "/" since keys may hold dots. */
function leaves(messages: object, prefix = ""): [string, unknown][] {
  return Object.entries(messages).flatMap(([key, value]): [string, unknown][] =>
    typeof value === "object" && value !== null ? leaves(value, `${prefix}${key}/`) : [[`${prefix}${key}`, value]],
  );
}
const paths = (catalog: object) => leaves(catalog).map(([path]) => path).sort();

describe("message catalogs", () => {
  it.each([
    ["zh-CN", zhCN],
    ["zh-TW", zhTW],
  ])("%s has exactly the keys of en", (_locale, catalog) => {
    expect(paths(catalog)).toEqual(paths(en));
  });

  it.each([
    ["en", en],
    ["zh-CN", zhCN],
    ["zh-TW", zhTW],
  ])("%s has no empty message", (_locale, catalog) => {
    expect(leaves(catalog).filter(([, value]) => typeof value !== "string" || value.trim() === "")).toEqual([]);
  });

  it("translates every expected error code", () => {
    for (const code of [...EXPECTED_ERROR_CODES, "unexpected"]) expect(en.errors).toHaveProperty([code]);
  });

  it("translates every publishing and notice problem", () => {
    for (const code of [...PUBLISH_PROBLEM_CODES, "notice_not_approved", "notice_translation_missing"]) expect(en.publishing.problems).toHaveProperty([code]);
    for (const code of NOTICE_PROBLEM_CODES) expect(en.notices.problems).toHaveProperty([code]);
  });

  it.each([
    ["zh-CN", zhCN],
    ["zh-TW", zhTW],
  ])("%s is actually Chinese, not copied English", (_locale, catalog) => {
    const productNames = new Set(["app/name", "console/appName", "locale/names/en"]);
    // Placeholders ({name}) aside, a message with Latin words and no Han characters was not translated.
    const untranslated = leaves(catalog).filter(([path, value]) => {
      const words = String(value).replace(/\{[^}]*\}/g, "");
      return !productNames.has(path) && /[A-Za-z]/.test(words) && !/\p{Script=Han}/u.test(words);
    });
    expect(untranslated).toEqual([]);
  });
});
