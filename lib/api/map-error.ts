import { ApiError } from "./api-error";
import { isApiErrorCode, type ApiErrorCode } from "./codes";

/** What the ledger's SQL raises (`consentry.<name>`) → the API code, where the names differ. */
const LEDGER_CODES: Record<string, ApiErrorCode> = {
  idempotency_in_flight: "idempotency_key_in_flight",
  idempotency_mismatch: "idempotency_key_reused",
  invalid_input: "invalid_request",
  forbidden: "invalid_api_key",
};

/**
 * Maps a refusal of the domain layer to an ApiError; null for anything unexpected (a bug or an
 * outage, answered as 500 `internal_error`). DETAIL names the offending value (the unknown
 * purpose id, the field), and goes into `details`.
 */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (typeof error !== "object" || error === null) return null;
  const { message, code, detail } = error as { message?: unknown; code?: unknown; detail?: unknown };
  // ExpectedError of lib/errors carries its code directly; SQL exceptions carry `consentry.<code>`.
  const expectedCode = (error as { code?: unknown; name?: unknown }).name === "ExpectedError" ? String(code) : null;
  const raised = typeof message === "string" && message.startsWith("consentry.") ? message.slice("consentry.".length) : expectedCode;
  if (raised) {
    const mapped = LEDGER_CODES[raised] ?? (isApiErrorCode(raised) ? raised : null);
    if (mapped) return new ApiError(mapped, detailOf(error, detail), { value: typeof detail === "string" ? detail.slice(0, 200) : "" });
  }
  return null;
}

function detailOf(error: unknown, detail: unknown): unknown {
  const fromExpected = (error as { details?: unknown }).details;
  const value = fromExpected ?? detail;
  if (value === undefined || value === null || value === "") return undefined;
  return { value };
}
