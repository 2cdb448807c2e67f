/**
 * What the delivery log shows of a payload or a receiver's answer: secrets masked (signing
 * secrets, bearer and basic credentials, values of keys that name a secret) and cut to a bound.
 * A receiver may echo our headers back; the log must not become a way to read them.
 */
const PATTERNS: [RegExp, string][] = [
  [/whsec_[A-Za-z0-9+/=]+/g, "whsec_••••"],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 ••••"],
  [/("?(?:authorization|token|secret|password|pass|api[_-]?key|x-api-key|signature|webhook-signature)"?\s*[:=]\s*)("[^"]*"|[^\s,}&]+)/gi, '$1"••••"'],
];

export const EXCERPT_CHARS = 600;

export function maskedExcerpt(text: string | null | undefined, max: number = EXCERPT_CHARS): string | null {
  if (text === null || text === undefined || text === "") return null;
  let masked = text;
  for (const [pattern, replacement] of PATTERNS) masked = masked.replace(pattern, replacement);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
