import { COMPLIANCE_RULES } from "./rules";
import type { ComplianceRule, ComplianceStatus } from "./types";

export { COMPLIANCE_RULES };
export * from "./types";

const STATUS_LABEL: Record<ComplianceStatus, string> = {
  demonstrated: "DEMONSTRATED",
  partial: "PARTIAL",
  missing: "MISSING",
  owned_by_later_issue: "LATER ISSUE",
};

export interface ComplianceSummary {
  total: number;
  byStatus: Record<ComplianceStatus, number>;
}

export function complianceSummary(rules: readonly ComplianceRule[] = COMPLIANCE_RULES): ComplianceSummary {
  const byStatus: Record<ComplianceStatus, number> = { demonstrated: 0, partial: 0, missing: 0, owned_by_later_issue: 0 };
  for (const rule of rules) byStatus[rule.status] += 1;
  return { total: rules.length, byStatus };
}

/** The closing line tools and people look for. */
export function summaryLine(rules: readonly ComplianceRule[] = COMPLIANCE_RULES): string {
  const { total, byStatus } = complianceSummary(rules);
  return `COMPLIANCE demonstrated ${byStatus.demonstrated} of ${total}`;
}

/** The matrix as plain text: one block per rule, then the counts, then the summary line. */
export function formatMatrix(rules: readonly ComplianceRule[] = COMPLIANCE_RULES): string {
  const lines: string[] = [];
  for (const rule of rules) {
    lines.push(`[${STATUS_LABEL[rule.status]}] ${rule.id} — ${rule.law} ${rule.source}`);
    lines.push(`  does:   ${rule.behaviour}`);
    lines.push(`  built:  ${rule.implementedIn.join(", ") || "—"}`);
    if (rule.tests.length === 0) lines.push("  tests:  —");
    for (const [index, test] of rule.tests.entries()) lines.push(`  ${index === 0 ? "tests: " : "       "} ${test.file} › ${test.title}`);
    if (rule.gap) lines.push(`  gap:    ${rule.gap}`);
    lines.push("");
  }
  const { byStatus } = complianceSummary(rules);
  lines.push(
    `partial ${byStatus.partial}, missing ${byStatus.missing}, owned by a later issue ${byStatus.owned_by_later_issue}`,
    summaryLine(rules),
  );
  return lines.join("\n");
}
