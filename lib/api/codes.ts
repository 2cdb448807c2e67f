/**
 * The public API's error codes: stable, machine-readable, each with its HTTP status. Clients
 * branch on `error.code`; the message beside it is for people and changes with the language.
 * Listed in the OpenAPI document, translated under `errors.api.<code>` in lib/i18n/messages.
 */
export const API_ERROR_STATUS = {
  malformed_json: 400,
  invalid_body: 400,
  invalid_query: 400,
  invalid_idempotency_key: 400,
  invalid_api_key: 401,
  insufficient_scope: 403,
  origin_not_allowed: 403,
  experience_not_found: 404,
  not_found: 404,
  unknown_subject: 404,
  confirmation_invalid: 404,
  idempotency_key_in_flight: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  unknown_purpose: 422,
  unknown_channel: 422,
  unknown_topic: 422,
  unknown_experience_version: 422,
  invalid_event_time: 422,
  invalid_identifier: 422,
  invalid_request: 422,
  subject_conflict: 422,
  destination_drops_withdrawals: 422,
  destination_unsafe_url: 422,
  rate_limited: 429,
  internal_error: 500,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERROR_STATUS, code);
}
