import type { ExperienceKind } from "../document";
import type { Locale } from "../localized";

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
  // decisions
  "no_decision_button",
  "reject_missing",
  "unequal_prominence",
  "preferences_layer_unreachable",
  "preferences_layer_missing",
  "identity_missing",
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
}
