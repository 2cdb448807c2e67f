/**
 * Expected failures carry a stable code; the UI shows `errors.<code>` from the message files
 * and the public API returns the code with a message in the caller's language. Anything else
 * is unexpected: logged with context and shown as `errors.unexpected`.
 */
export const EXPECTED_ERROR_CODES = [
  "invalid_input",
  "invalid_credentials",
  "too_many_attempts",
  "email_taken",
  "password_too_short",
  "not_signed_in",
  "forbidden",
  "not_found",
  "last_owner",
  "already_member",
  "invitation_invalid",
  "invitation_used",
  "invitation_expired",
  "invitation_other_email",
  "profile_missing",
  "append_only",
  "key_taken",
  "draft_conflict",
  "notice_not_editable",
  "notice_wrong_status",
  "notice_open_version",
  "notice_incomplete",
  "notice_purpose_invalid",
  "notice_version_history",
  "approved_immutable",
  "not_reviewer",
  "four_eyes",
  "comment_required",
  "purpose_in_use",
  // Publishing (supabase/migrations/20261123210000_published_versions.sql) and approval: a pinned
  // notice version that is not approved, a notice used but not pinned, an approved text whose
  // hash does not match.
  "notice_not_approved",
  "notice_not_pinned",
  "notice_hash_mismatch",
  // The consent ledger (lib/consent): DETAIL names the offending purpose, channel, topic or key.
  "unknown_purpose",
  "unknown_channel",
  "unknown_topic",
  "unknown_experience_version",
  "unknown_subject",
  "invalid_identifier",
  "invalid_event_time",
  "origin_not_allowed",
  "idempotency_mismatch",
  "idempotency_in_flight",
  "subject_conflict",
  "confirmation_invalid",
  // The preference centre (lib/preference-centre): a person's session is missing, expired or of another workspace.
  "session_invalid",
  // Region rule sets (lib/regions): an adjustment below the law's floor, a country claimed twice,
  // a default language the region does not offer.
  "region_rule_below_floor",
  "region_country_taken",
  "region_locale_not_offered",
  // Operator entry (lib/records): only the person can confirm a double opt-in purpose.
  "operator_double_opt_in",
  // Sync (lib/sync): a filter that lets a purpose's grants through but not their withdrawals,
  // refusals or expiries (DETAIL: the missing states); a destination URL that is not https or
  // points at a private address (DETAIL: the reason); a delivery that is not dead or retrying.
  "destination_drops_withdrawals",
  "destination_unsafe_url",
  "delivery_not_retryable",
  // A test event for a destination that has no change yet to send.
  "destination_nothing_to_send",
] as const;

export type ExpectedErrorCode = (typeof EXPECTED_ERROR_CODES)[number];

export class ExpectedError extends Error {
  constructor(
    readonly code: ExpectedErrorCode,
    message: string = code,
    /** What the database put in DETAIL, parsed when it is JSON (e.g. the problems of notice_incomplete). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ExpectedError";
  }
}

const DATABASE_CODES = new Set<string>(EXPECTED_ERROR_CODES);

/**
 * Translates what the database raised into an ExpectedError: our own `consentry.<code>`
 * exceptions, and row-level-security refusals (SQLSTATE 42501) as `forbidden`.
 */
export function toExpectedError(error: unknown): ExpectedError | null {
  if (error instanceof ExpectedError) return error;
  if (typeof error !== "object" || error === null) return null;
  const { message, code, detail } = error as { message?: unknown; code?: unknown; detail?: unknown };
  if (typeof message === "string" && message.startsWith("consentry.")) {
    const key = message.slice("consentry.".length);
    if (DATABASE_CODES.has(key)) return new ExpectedError(key as ExpectedErrorCode, message, parseDetail(detail));
  }
  if (code === "42501") return new ExpectedError("forbidden", String(message));
  // A unique key of the caller's own workspace (a catalog key): they may know it exists.
  if (code === "23505") return new ExpectedError("key_taken", String(message));
  return null;
}

function parseDetail(detail: unknown): unknown {
  if (typeof detail !== "string" || detail === "") return undefined;
  try {
    return JSON.parse(detail);
  } catch {
    return detail;
  }
}
