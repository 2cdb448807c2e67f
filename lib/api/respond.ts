import { ApiError } from "./api-error";
import { apiMessage, type ApiLanguage } from "./messages";

/** Every answer of the public API: JSON, never cached unless a route says so. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** `{ error: { code, message, details? } }` in the caller's language. */
export function errorResponse(error: ApiError, language: ApiLanguage, headers: Record<string, string> = {}): Response {
  const body = {
    error: {
      code: error.code,
      message: apiMessage(error.code, language, error.params),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return jsonResponse(error.status, body, { "Content-Language": language, ...error.headers, ...headers });
}
