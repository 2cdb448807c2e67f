import { API_ERROR_STATUS, type ApiErrorCode } from "./codes";

/**
 * An expected refusal of a public API request: a stable code, the HTTP status it implies, and
 * details a client can act on (the fields that were wrong, the purpose that is unknown …).
 * `params` fill the placeholders of the translated message (`{fields}`, `{seconds}`).
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    readonly details?: unknown,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = "ApiError";
    this.status = API_ERROR_STATUS[code];
  }
}
