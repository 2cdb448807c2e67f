import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextDelayMs, parseRetryAfter, RETRY_DELAYS_MS } from "./schedule";

describe("retry schedule", () => {
  it("keeps trying for more than 72 hours, even with the least jitter, then gives up", () => {
    const least = RETRY_DELAYS_MS.reduce((sum, _, i) => sum + nextDelayMs(i + 1, null, () => 0)!, 0);
    expect(least).toBeGreaterThan(72 * 3600_000);
    expect(MAX_ATTEMPTS).toBe(15);
    expect(nextDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(nextDelayMs(1, null, () => 0)).toBe(5000);
    expect(nextDelayMs(1, null, () => 0.999)).toBeLessThanOrEqual(6000);
  });

  it("honours a longer Retry-After, capped at a day; a shorter one does not hurry it", () => {
    expect(nextDelayMs(1, 120_000, () => 0)).toBe(120_000);
    expect(nextDelayMs(5, 1000, () => 0)).toBe(30 * 60_000);
    expect(nextDelayMs(1, 7 * 24 * 3600_000, () => 0)).toBe(24 * 3600_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter("Wed, 09 Dec 2026 10:00:30 GMT", Date.parse("2026-12-09T10:00:00Z"))).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
