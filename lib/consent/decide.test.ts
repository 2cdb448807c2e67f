import { describe, expect, it } from "vitest";
import { decide, DECISION_REASONS, quietWindow, type DecideInput, type DecisionReason } from "./decide";

const PURPOSE = { id: "p-marketing", key: "marketing", needsSeparateConsent: false, consentValidDays: null };
const NOW = new Date("2026-11-23T12:00:00Z"); // 20:00 in Shanghai
const given = { purposeId: PURPOSE.id, state: "given" as const, separatelyGiven: true, expiresAt: null, lastEventId: "e-state", updatedAt: new Date("2026-11-01T00:00:00Z") };
const none = { count: 0, oldestAt: null };

function input(overrides: Partial<DecideInput> = {}): DecideInput {
  return {
    subjectId: "s-1",
    purpose: PURPOSE,
    states: [given],
    preferences: null,
    channel: "email",
    contacts: { week: none, month: none },
    now: NOW,
    ...overrides,
  };
}
const prefs = (overrides: Partial<NonNullable<DecideInput["preferences"]>>) => ({
  channels: {},
  topics: [],
  frequencyCap: null,
  quietHours: null,
  lastEventId: "e-prefs",
  ...overrides,
});

describe("decide", () => {
  const cases: [DecisionReason, DecideInput][] = [
    ["consent_given", input()],
    ["no_consent", input({ states: [] })],
    ["consent_refused", input({ states: [{ ...given, state: "refused" }] })],
    ["consent_withdrawn", input({ states: [{ ...given, state: "withdrawn" }] })],
    ["consent_expired", input({ states: [{ ...given, expiresAt: new Date("2026-11-23T11:59:59Z") }] })],
    ["pending_double_opt_in", input({ states: [{ ...given, state: "requested", expiresAt: new Date("2026-11-30T00:00:00Z") }] })],
    ["channel_not_allowed", input({ preferences: prefs({ channels: { [PURPOSE.id]: ["sms"] } }) })],
    ["separate_consent_missing", input({ purpose: { ...PURPOSE, needsSeparateConsent: true }, states: [{ ...given, separatelyGiven: false }] })],
    ["frequency_cap_reached", input({ preferences: prefs({ frequencyCap: { max: 3, period: "week" } }), contacts: { week: { count: 3, oldestAt: new Date("2026-11-20T12:00:00Z") }, month: none } })],
    ["quiet_hours", input({ preferences: prefs({ quietHours: { start: "19:00", end: "08:00", timeZone: "Asia/Shanghai" } }) })],
    ["unknown_subject", input({ subjectId: null, states: [] })],
    ["unknown_purpose", input({ purpose: null })],
  ];

  it("covers every reason code", () => {
    expect(cases.map(([reason]) => reason).sort()).toEqual([...DECISION_REASONS].sort());
  });

  it.each(cases)("%s", (reason, request) => {
    const decision = decide(request);
    expect(decision.reason).toBe(reason);
    expect(decision.allow).toBe(reason === "consent_given");
    expect(decision.cacheSeconds).toBeGreaterThanOrEqual(0);
  });

  it("names the events it rests on", () => {
    expect(decide(input()).evidence).toEqual(["e-state"]);
    expect(decide(input({ preferences: prefs({}) })).evidence).toEqual(["e-state", "e-prefs"]);
    expect(decide(input({ states: [] })).evidence).toEqual([]);
  });

  it("a consent older than the purpose's validity has expired even without an expiry on the row", () => {
    const purpose = { ...PURPOSE, consentValidDays: 10 };
    expect(decide(input({ purpose })).reason).toBe("consent_expired");
    expect(decide(input({ purpose: { ...PURPOSE, consentValidDays: 30 } })).reason).toBe("consent_given");
    expect(decide(input({ states: [{ ...given, state: "expired" }] })).reason).toBe("consent_expired");
    expect(decide(input({ states: [{ ...given, state: "requested", expiresAt: new Date("2026-11-01T00:00:00Z") }] })).reason).toBe("consent_expired");
  });

  it("channel lists: the purpose's own wins over the global one; no list means no restriction", () => {
    expect(decide(input({ preferences: prefs({ channels: { "*": ["sms"] } }) })).reason).toBe("channel_not_allowed");
    expect(decide(input({ preferences: prefs({ channels: { "*": ["sms"], [PURPOSE.id]: ["email"] } }) })).reason).toBe("consent_given");
    expect(decide(input({ preferences: prefs({ channels: { other: ["sms"] } }) })).reason).toBe("consent_given");
  });

  it("cacheSeconds: the default, until expiry, until quiet hours start", () => {
    expect(decide(input()).cacheSeconds).toBe(60);
    expect(decide(input({ states: [{ ...given, expiresAt: new Date(NOW.getTime() + 20_000) }] })).cacheSeconds).toBe(20);
    const beforeQuiet = decide(input({ preferences: prefs({ quietHours: { start: "20:00", end: "08:00", timeZone: "UTC" } }), now: new Date("2026-11-23T19:59:30Z") }));
    expect(beforeQuiet).toMatchObject({ allow: true, cacheSeconds: 30 });
  });
});

describe("quiet hours", () => {
  const shanghai = { start: "22:00", end: "08:00", timeZone: "Asia/Shanghai" };
  const at = (iso: string) => decide(input({ now: new Date(iso), preferences: prefs({ quietHours: shanghai }) }));

  it("22:00–08:00 in Shanghai, from UTC instants, across midnight", () => {
    expect(at("2026-11-23T13:59:59Z")).toMatchObject({ allow: true }); // 21:59:59 local
    expect(at("2026-11-23T14:00:00Z")).toMatchObject({ allow: false, reason: "quiet_hours", cacheSeconds: 10 * 3600 }); // 22:00 local
    expect(at("2026-11-23T16:30:00Z")).toMatchObject({ allow: false, reason: "quiet_hours" }); // 00:30 local, the next day
    expect(at("2026-11-23T23:59:59Z")).toMatchObject({ allow: false, cacheSeconds: 1 }); // 07:59:59 local
    expect(at("2026-11-24T00:00:00Z")).toMatchObject({ allow: true }); // 08:00 local
    // 23:00 UTC is quiet in London but 07:00 — still quiet — in Shanghai; 03:00 UTC is 11:00 there.
    expect(at("2026-11-24T03:00:00Z")).toMatchObject({ allow: true });
  });

  it("the same instant is quiet in one zone and not in another", () => {
    const instant = new Date("2026-07-01T02:00:00Z"); // 10:00 Shanghai, 22:00 New York (EDT) the day before
    expect(quietWindow(instant, "21:00", "07:00", "Asia/Shanghai").inside).toBe(false);
    expect(quietWindow(instant, "21:00", "07:00", "America/New_York").inside).toBe(true);
    expect(quietWindow(instant, "09:00", "17:00", "Asia/Shanghai").inside).toBe(true); // a daytime window
    expect(quietWindow(instant, "09:00", "09:00", "Asia/Shanghai")).toEqual({ inside: false, secondsToBoundary: null });
  });

  it("'subject' uses the subject's own zone", () => {
    const quietHours = { start: "22:00", end: "08:00", timeZone: "subject" as const };
    const request = input({ now: new Date("2026-11-23T14:30:00Z"), preferences: prefs({ quietHours }) });
    expect(decide({ ...request, subjectTimeZone: "Asia/Shanghai" }).reason).toBe("quiet_hours");
    expect(decide({ ...request, subjectTimeZone: "Europe/London" }).reason).toBe("consent_given");
  });
});

describe("frequency caps", () => {
  const cap = (max: number, period: "week" | "month", count: number) =>
    decide(
      input({
        preferences: prefs({ frequencyCap: { max, period } }),
        contacts: {
          week: { count: period === "week" ? count : 0, oldestAt: new Date("2026-11-18T12:00:00Z") },
          month: { count: period === "month" ? count : 99, oldestAt: new Date("2026-11-01T12:00:00Z") },
        },
      }),
    );

  it("weekly: N-1 contacts allowed (and not cached), N denied until the oldest leaves the window", () => {
    expect(cap(3, "week", 1)).toMatchObject({ allow: true, cacheSeconds: 60 });
    expect(cap(3, "week", 2)).toMatchObject({ allow: true, cacheSeconds: 0 });
    const denied = cap(3, "week", 3);
    expect(denied).toMatchObject({ allow: false, reason: "frequency_cap_reached" });
    expect(denied.cacheSeconds).toBe(2 * 24 * 3600); // 2026-11-18 12:00 + 7 days − now
  });

  it("monthly: counted from the month window, not the week's", () => {
    expect(cap(5, "month", 4)).toMatchObject({ allow: true });
    const denied = cap(5, "month", 5);
    expect(denied).toMatchObject({ allow: false, reason: "frequency_cap_reached" });
    expect(denied.cacheSeconds).toBe(8 * 24 * 3600); // 2026-12-01 12:00 − now
    // A weekly cap ignores the month's 99 contacts.
    expect(cap(5, "week", 0)).toMatchObject({ allow: true });
  });
});
