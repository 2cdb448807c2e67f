/**
 * CORS for browser calls (the embed on a customer's site). Only origins an experience allows
 * are echoed back, never `*`; the API uses no cookies, so no credentials are allowed either.
 */
export const CORS_ALLOWED_HEADERS = "Content-Type, X-Consentry-Key, Idempotency-Key, Accept-Language";
export const CORS_EXPOSED_HEADERS = "Idempotent-Replayed, Retry-After, X-Request-Id";

/** `https://Example.com:443/` → `https://example.com`; null when it is no http(s) origin. */
export function normalizeOrigin(origin: string | null | undefined): string | null {
  if (!origin || origin === "null") return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function isOriginAllowed(origin: string | null, allowedOrigins: readonly string[], ownOrigins: readonly string[] = []): boolean {
  if (!origin) return false;
  return ownOrigins.includes(origin) || allowedOrigins.some((allowed) => normalizeOrigin(allowed) === origin);
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": CORS_EXPOSED_HEADERS,
    Vary: "Origin",
  };
}

export function preflightHeaders(origin: string, methods: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": methods,
    "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}
