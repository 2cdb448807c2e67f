/**
 * One rule row of ../shared/design/regulations.md as the product holds it: where the law says it,
 * what the product does about it, where that is built, and the tests that fail if it breaks.
 * `npm run compliance` prints these rows; lib/compliance/rules.test.ts keeps them honest.
 */

export const COMPLIANCE_STATUSES = ["demonstrated", "partial", "missing", "owned_by_later_issue"] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface NamedTest {
  /** Path from the repository's root. */
  file: string;
  /** The test's title as written in the file (for `it.each` tables, the row's label). */
  title: string;
}

export interface ComplianceRule {
  /** Stable, kebab-case: reports and later issues refer to it. */
  id: string;
  law: "PIPL" | "MIIT" | "GDPR" | "ePrivacy" | "EDPB" | "CCPA" | "PDPO" | "Consentry";
  /** Article, section or document, as a reviewer looks it up. */
  source: string;
  /** What the product does, in one sentence. */
  behaviour: string;
  /** Files (from the repository's root) where the behaviour is built. */
  implementedIn: string[];
  /** Tests that fail when the behaviour breaks; at least one when demonstrated. */
  tests: NamedTest[];
  /**
   * demonstrated: built, and a named test fails if it breaks. partial: some of it is built or
   * shown. missing: not built. owned_by_later_issue: a later issue builds it (children's consent).
   */
  status: ComplianceStatus;
  /** What is not there yet, and who builds it; required unless demonstrated. */
  gap?: string;
}
