/**
 * A `next` parameter we may redirect to after sign-in: a path inside the console, never another
 * site (`//evil.example`, `/\evil.example`, `https://…`) and never a locale-prefixed path (the
 * caller adds the locale).
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 500) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\\]/.test(value)) return null;
  return value;
}
