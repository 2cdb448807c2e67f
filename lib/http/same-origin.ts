/**
 * CSRF defence for every state-changing request to the console (OWASP "verifying origin with
 * standard headers"), on top of SameSite=Lax cookies and Next's own Server Action check:
 * a browser always sends Origin or Sec-Fetch-Site on a POST, and both must say "this site".
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOriginMutation(
  request: { method: string; headers: Headers; url: string },
  options: { trustForwardedHost: boolean },
): boolean {
  if (isSafeMethod(request.method)) return true;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin) return fetchSite === "same-origin";
  const forwardedHost = options.trustForwardedHost ? request.headers.get("x-forwarded-host") : null;
  const host = forwardedHost ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
