import type { ExperienceCatalog, ExperienceCatalogPurpose } from "../catalog";
import type { ExperienceKind } from "../document";
import type { Locale } from "../localized";
import type { RegionCode } from "../variants";

/**
 * Stable codes: the console translates them (message files) and the API returns them, so a
 * code is never renamed, only added.
 */
export const PUBLISH_PROBLEM_CODES = [
  // content
  "missing_translation",
  "missing_url",
  "notice_not_chosen",
  "empty_container",
  "no_topics",
  "unknown_topic",
  "no_choices",
  "unknown_time_zone",
  "block_not_allowed",
  // purposes
  "unbound_purpose",
  "unknown_purpose",
  "duplicate_purpose",
  "required_not_necessary",
  "purpose_default_on",
  // personalised marketing or advertising offered without a control that refuses it alone (PIPL art. 24)
  "personalised_marketing_not_refusable",
  // decisions
  "no_decision_button",
  "reject_missing",
  "unequal_prominence",
  "preferences_layer_unreachable",
  "preferences_layer_missing",
  "identity_missing",
  // regions: a purpose needing separate consent asked only together with others (PIPL 23/25/29/39,
  // GDPR Art. 9), a region variant that leaves nobody a way to decide, or names a language the
  // experience does not offer
  "separate_consent_bundled",
  "variant_hides_decisions",
  "variant_locale_not_offered",
] as const;
export type PublishProblemCode = (typeof PUBLISH_PROBLEM_CODES)[number];

/** One reason a document cannot be published, with what a message needs to name it. */
export interface PublishProblem {
  code: PublishProblemCode;
  /** The block at fault; absent for document-wide problems and the theme. */
  blockId?: string;
  locale?: Locale;
  /** The field at fault, e.g. "label", or "theme.logo.alt" outside blocks. */
  field?: string;
  purposeId?: string;
  topicId?: string;
  kind?: ExperienceKind;
  timeZone?: string;
  /**
   * The regions whose visitors would see the problem (their variant, under their rule set).
   * Absent when it is the same in every region.
   */
  regions?: RegionCode[];
}

/**
 * The rules of a region that decide what publishing requires (lib/regions/rule-set.ts has the
 * whole rule set; a RuleSet is a PublishRules). lib/experience depends on nothing, hence the copy.
 */
export interface PublishRules {
  code: RegionCode;
  /** Reject beside accept on every screen that offers accept, with the same emphasis. */
  rejectOnFirstLayer: boolean;
  /** No optional purpose ticked by default. */
  noPreTicked: boolean;
  /** Purposes flagged for separate consent get their own control, never only "accept all". */
  separateConsent: boolean;
}

/** The strictest rules: what a document is held to when no region is named. */
export const STRICT_PUBLISH_RULES: PublishRules = { code: "DEFAULT", rejectOnFirstLayer: true, noPreTicked: true, separateConsent: true };

/**
 * The catalog as publishing reads it: purposes also say whether they need separate consent and
 * whether they are personalised marketing.
 */
export type PublishCatalog = Omit<ExperienceCatalog, "purposes"> & {
  purposes: (ExperienceCatalogPurpose & { separateConsent?: boolean; personalisedMarketing?: boolean })[];
};
