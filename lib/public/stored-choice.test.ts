import { describe, expect, it } from "vitest";
import {
  decodeStoredChoice,
  encodeStoredChoice,
  isStale,
  readStoredChoice,
  STORED_CHOICE_COOKIE,
  storedChoiceCookie,
  type StoredChoice,
} from "./stored-choice";

const GIVEN = "00000000-0000-4000-8000-000000000001";
const REFUSED = "6F1C2B0E-4D3A-4C5B-9E8F-0A1B2C3D4E5F";

const choice: StoredChoice = {
  experience: "x0123456789abcdef0123",
  versionNumber: 4,
  at: new Date("2026-11-20T10:00:00Z"),
  given: [GIVEN],
  refused: [REFUSED.toLowerCase()],
  deviceId: "d8f0a1b2c3d4e5f6a7b8c9",
  gpc: true,
  decided: true,
};

const live = {
  publicId: choice.experience,
  reconsentFromVersion: 1,
  rules: { consentModel: "opt_in" as const, gpc: "not_applicable" as const, reaskAfterDays: 365 },
};

describe("stored choice cookie", () => {
  it("round-trips through a compact, cookie-safe value", () => {
    const value = encodeStoredChoice(choice);
    expect(value).toMatch(/^[0-9A-Za-z._-]+$/);
    expect(value.length).toBeLessThan(130);
    expect(value.startsWith("1.")).toBe(true);
    expect(decodeStoredChoice(value)).toEqual(choice);
  });

  it("stores upper-case purpose ids in lower case and drops what is not a purpose id", () => {
    const value = encodeStoredChoice({ ...choice, refused: [REFUSED, "not-a-uuid"], given: [], gpc: false });
    expect(decodeStoredChoice(value)).toEqual({ ...choice, given: [], refused: [REFUSED.toLowerCase()], gpc: false });
    const gpcOnly = { ...choice, given: [], decided: false };
    expect(decodeStoredChoice(encodeStoredChoice(gpcOnly))).toEqual(gpcOnly);
  });

  it("reads it out of a cookie string among others", () => {
    const cookies = `theme=dark; ${STORED_CHOICE_COOKIE}=${encodeStoredChoice(choice)}; other=${encodeStoredChoice(choice)}x`;
    expect(readStoredChoice(cookies)).toEqual(choice);
    expect(readStoredChoice("theme=dark")).toBeNull();
    expect(readStoredChoice("")).toBeNull();
  });

  it("ignores damaged values and other formats", () => {
    const good = encodeStoredChoice(choice);
    for (const bad of ["", "2" + good.slice(1), good + ".1", good.replace(/\.[01]$/, ".2"), good.replace(/\.[01]$/, ""), good.replace(".4.", ".0."), "1.x.1.a.zz.. d.0"]) {
      expect(decodeStoredChoice(bad)).toBeNull();
    }
  });

  it("is written for the whole site, Lax, for as long as the region lets a choice stand", () => {
    expect(storedChoiceCookie(choice, { reaskAfterDays: 365, secure: false })).toBe(
      `${STORED_CHOICE_COOKIE}=${encodeStoredChoice(choice)}; Path=/; Max-Age=31536000; SameSite=Lax`,
    );
    expect(storedChoiceCookie(choice, { reaskAfterDays: 1, secure: true })).toMatch(/; Max-Age=86400; SameSite=Lax; Secure$/);
  });
});

describe("isStale", () => {
  const now = new Date("2026-11-21T10:00:00Z");

  it("keeps a recent choice on a version no material change superseded", () => {
    expect(isStale(choice, live, now)).toBe(false);
    expect(isStale(choice, { ...live, reconsentFromVersion: 4 }, now)).toBe(false);
  });

  it("asks again after a material change", () => {
    expect(isStale(choice, { ...live, reconsentFromVersion: 5 }, now)).toBe(true);
  });

  it("asks again once the region's re-ask period is over", () => {
    const later = new Date(choice.at.getTime() + 365 * 86_400_000 + 1000);
    expect(isStale(choice, live, later)).toBe(true);
    expect(isStale(choice, { ...live, rules: { ...live.rules, reaskAfterDays: 730 } }, later)).toBe(false);
  });

  it("asks again on another experience", () => {
    expect(isStale(choice, { ...live, publicId: "x99999999999999999999" }, now)).toBe(true);
  });
});
