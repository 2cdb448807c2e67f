import { describe, expect, it } from "vitest";
import { recordConsentInputSchema } from "@/lib/consent/types";
import { DEMO_CUSTOMER } from "./content";
import { demoRecordings, DEMO_USER_AGENT, type DemoLedgerTargets } from "./records";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TARGETS: DemoLedgerTargets = {
  workspaceId: id(1),
  banner: { versionId: id(2), purposes: { necessary: id(10), analytics: id(11), advertising: id(12), personalisation: id(13) } },
  preferencePage: { versionId: id(3), marketing: id(14), topics: [id(20), id(21), id(22)] },
};
const NOW = new Date("2026-12-07T12:00:00Z");
const DAY = 86_400_000;

describe("demoRecordings", () => {
  const recordings = demoRecordings(TARGETS, NOW);

  it("is the same list for the same moment, and valid input for the ledger", () => {
    expect(demoRecordings(TARGETS, NOW)).toEqual(recordings);
    for (const input of recordings) expect(recordConsentInputSchema.safeParse(input).success).toBe(true);
  });

  it("uses a live method only within the ledger's one-day window; older decisions are imported history", () => {
    for (const input of recordings) {
      const age = NOW.getTime() - input.occurredAt!.getTime();
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThan(43 * DAY);
      if (input.method !== "api_import") expect(age).toBeLessThan(DAY);
      else expect(age).toBeGreaterThan(DAY - 3_600_000);
      expect(input.context.userAgent).toBe(DEMO_USER_AGENT);
    }
  });

  it("keeps each person's events in time order and withdraws only what they gave", () => {
    const byPerson = new Map<string, typeof recordings>();
    for (const input of recordings) {
      const key = `${input.subject.kind}:${input.subject.value}`;
      byPerson.set(key, [...(byPerson.get(key) ?? []), input]);
    }
    for (const events of byPerson.values()) {
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.occurredAt!.getTime()).toBeGreaterThan(events[i - 1]!.occurredAt!.getTime());
        for (const withdrawal of events[i]!.decisions) {
          expect(withdrawal.state).toBe("withdrawn");
          expect(events[0]!.decisions.find((d) => d.purposeId === withdrawal.purposeId)?.state).toBe("given");
        }
      }
    }
  });

  it("spans every channel, region and state, and the named customer gave marketing by email", () => {
    expect(new Set(recordings.map((input) => input.channel))).toEqual(new Set(["web", "app", "mini_program", "store"]));
    expect(new Set(recordings.map((input) => input.region.code))).toEqual(new Set(["CN", "EU", "US-CA", "HK"]));
    expect(new Set(recordings.flatMap((input) => input.decisions.map((d) => d.state)))).toEqual(new Set(["given", "refused", "withdrawn"]));
    const customer = recordings.filter((input) => input.subject.value === DEMO_CUSTOMER.value);
    expect(customer).toHaveLength(1);
    expect(customer[0]!.decisions).toEqual([{ purposeId: TARGETS.preferencePage.marketing, state: "given", separate: true }]);
    expect(customer[0]!.preferences?.channels).toEqual({ [TARGETS.preferencePage.marketing]: ["email", "sms"] });
  });
});
