/**
 * When a failed delivery is tried again. Exponential at first, then every 12 hours, so that the
 * last attempt comes more than 72 hours after the first (Svix stops after ~37 h; a receiver down
 * over a long weekend still gets everything):
 *
 *   attempt  1  at once          attempt  9  + 4 h
 *   attempt  2  + 5 s            attempt 10  + 8 h     (15 h 43 min after the first)
 *   attempt  3  + 30 s           attempt 11  + 12 h
 *   attempt  4  + 2 min          attempt 12  + 12 h
 *   attempt  5  + 10 min         attempt 13  + 12 h
 *   attempt  6  + 30 min         attempt 14  + 12 h
 *   attempt  7  + 1 h            attempt 15  + 12 h    (75 h 43 min after the first); then dead
 *   attempt  8  + 2 h
 *
 * Each delay gets up to +20 % random jitter (never less, so the 72 hours hold), so receivers
 * that come back are not hit by every worker at the same instant. A `Retry-After` longer than
 * the scheduled delay wins (capped at 24 h).
 */
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
export const RETRY_DELAYS_MS: readonly number[] = [5 * S, 30 * S, 2 * MIN, 10 * MIN, 30 * MIN, 1 * H, 2 * H, 4 * H, 8 * H, 12 * H, 12 * H, 12 * H, 12 * H, 12 * H];
/** First attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const MAX_RETRY_AFTER_MS = 24 * H;

/**
 * The delay before the next attempt after `attempts` failed ones, or null when that was the last.
 * `random` in [0, 1) (injectable for tests).
 */
export function nextDelayMs(
  attempts: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
  delays: readonly number[] = RETRY_DELAYS_MS,
): number | null {
  if (attempts > delays.length) return null;
  const base = delays[Math.max(0, attempts - 1)]!;
  const scheduled = Math.round(base * (1 + 0.2 * random()));
  return retryAfterMs === null ? scheduled : Math.max(scheduled, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * S;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
