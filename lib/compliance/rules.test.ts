import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMPLIANCE_RULES, COMPLIANCE_STATUSES, complianceSummary, formatMatrix, summaryLine, type ComplianceRule } from "./matrix";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** Why a rule's evidence does not hold; empty when it does. */
function evidenceProblems(rule: ComplianceRule, fileText: (file: string) => string | null): string[] {
  const problems: string[] = [];
  if (rule.status === "demonstrated" && rule.tests.length === 0) problems.push(`${rule.id}: demonstrated but names no test`);
  if (rule.status !== "demonstrated" && !rule.gap?.trim()) problems.push(`${rule.id}: ${rule.status} without saying what is missing`);
  for (const path of rule.implementedIn) if (fileText(path) === null) problems.push(`${rule.id}: no file ${path}`);
  for (const { file, title } of rule.tests) {
    const text = fileText(file);
    if (text === null) problems.push(`${rule.id}: no test file ${file}`);
    else if (!text.includes(title)) problems.push(`${rule.id}: no test titled "${title}" in ${file}`);
  }
  return problems;
}

const fromDisk = (file: string) => (existsSync(join(ROOT, file)) ? read(file) : null);

describe("the compliance matrix", () => {
  it("every named file exists and every named test title is in its file; demonstrated rows name a test, the others their gap", () => {
    expect(COMPLIANCE_RULES.flatMap((rule) => evidenceProblems(rule, fromDisk))).toEqual([]);
  });

  it("the check fails for a demonstrated row without a test, a missing file or a title that is not there", () => {
    const base: ComplianceRule = {
      id: "x",
      law: "GDPR",
      source: "art. 1",
      behaviour: "b",
      implementedIn: ["lib/compliance/rules.ts"],
      tests: [{ file: "lib/compliance/rules.test.ts", title: "the compliance matrix" }],
      status: "demonstrated",
    };
    expect(evidenceProblems(base, fromDisk)).toEqual([]);
    expect(evidenceProblems({ ...base, tests: [] }, fromDisk)).toEqual(["x: demonstrated but names no test"]);
    expect(evidenceProblems({ ...base, tests: [{ file: "lib/compliance/nowhere.test.ts", title: "t" }] }, fromDisk)).toEqual(["x: no test file lib/compliance/nowhere.test.ts"]);
    expect(evidenceProblems({ ...base, tests: [{ file: "lib/compliance/rules.test.ts", title: "a title nobody wrote \u0000" }] }, fromDisk)).toEqual([
      'x: no test titled "a title nobody wrote \u0000" in lib/compliance/rules.test.ts',
    ]);
    expect(evidenceProblems({ ...base, implementedIn: ["lib/nowhere.ts"] }, fromDisk)).toEqual(["x: no file lib/nowhere.ts"]);
    expect(evidenceProblems({ ...base, status: "partial" }, fromDisk)).toEqual(["x: partial without saying what is missing"]);
  });

  it("ids are unique and stable in form; statuses are known; only children's consent waits for a later issue", () => {
    const ids = COMPLIANCE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const rule of COMPLIANCE_RULES) expect(COMPLIANCE_STATUSES).toContain(rule.status);
    expect(COMPLIANCE_RULES.filter((rule) => rule.status === "owned_by_later_issue").map((rule) => rule.id)).toEqual([
      "pipl-31-children",
      "gdpr-8-children",
      "ccpa-1798-120c-children",
    ]);
  });

  it("covers every article the regulations name", () => {
    const sources = COMPLIANCE_RULES.map((rule) => `${rule.law} ${rule.source}`).join("\n");
    for (const article of ["art. 14", "art. 15", "art. 16", "art. 17", "art. 23, 25, 39", "art. 24", "art. 28–30", "art. 31", "art. 44–47", "art. 55–56",
      "art. 4(11)", "art. 7(1)", "art. 7(2)", "art. 7(3)", "art. 8", "art. 9(2)(a)", "art. 21(3)", "ePrivacy art. 5(3)", "EDPB",
      "1798.120, 1798.135", "1798.121", "1798.120(c)", "11 CCR 7025", "11 CCR 7004", "Part 6A", "回复TD退订", "A region is a rule set"]) {
      expect(sources, article).toContain(article);
    }
  });

  it("prints every rule and ends with the count of demonstrated rules", () => {
    const printed = formatMatrix();
    for (const rule of COMPLIANCE_RULES) expect(printed).toContain(rule.id);
    const { total, byStatus } = complianceSummary();
    expect(total).toBe(COMPLIANCE_RULES.length);
    expect(printed.split("\n").at(-1)).toBe(`COMPLIANCE demonstrated ${byStatus.demonstrated} of ${total}`);
    expect(summaryLine([{ ...COMPLIANCE_RULES[0]!, status: "partial", gap: "g" }])).toBe("COMPLIANCE demonstrated 0 of 1");
  });
});
