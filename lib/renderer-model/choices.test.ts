import { describe, expect, it } from "vitest";
import { draftDocumentSchema } from "@/lib/experience";
import { choicesForAction, completeChoices, initialChoices } from "./choices";
import { CATALOG, PURPOSE, TOPIC, fullDocument } from "./test-fixtures";

describe("initialChoices", () => {
  it("fixture is a valid draft, so these tests follow the real document model", () => {
    expect(draftDocumentSchema.safeParse(fullDocument()).success).toBe(true);
  });

  it("turns required purposes on, respects defaultOn, and leaves everything else off", () => {
    expect(initialChoices(fullDocument())).toEqual({
      purposes: {
        [PURPOSE.necessary]: true,
        [PURPOSE.analytics]: false,
        [PURPOSE.marketing]: true,
        [PURPOSE.crossBorder]: false,
      },
      channels: { global: [], [PURPOSE.marketing]: [] },
      topics: [],
      frequencyCap: null,
      quietHours: null,
      identity: null,
    });
  });

  it("keys a draft toggle without a purpose by its block", () => {
    const document = fullDocument();
    document.blocks.push({ id: "draft", type: "purpose_toggle", purposeId: null, required: false, defaultOn: false, label: {}, description: {} });
    expect(initialChoices(document).purposes["unbound:draft"]).toBe(false);
  });
});

describe("choicesForAction", () => {
  const document = fullDocument();
  const start = {
    ...initialChoices(document),
    frequencyCap: { max: 3, period: "week" as const },
    quietHours: { start: "22:00", end: "08:00", timeZone: "Asia/Shanghai" },
    identity: { kind: "email" as const, value: "a@example.com" },
  };

  it("accept all turns on every purpose, channel and topic offered, except separate consent", () => {
    const accepted = choicesForAction(document, "accept_all", start, CATALOG);
    expect(accepted.purposes).toEqual({
      [PURPOSE.necessary]: true,
      [PURPOSE.analytics]: true,
      [PURPOSE.marketing]: true,
      [PURPOSE.crossBorder]: false,
    });
    expect(accepted.channels).toEqual({ global: ["email", "sms"], [PURPOSE.marketing]: ["wechat", "phone", "push"] });
    expect(accepted.topics).toEqual([TOPIC.offers, TOPIC.news]);
    // Preferences that are not consent are kept.
    expect(accepted.frequencyCap).toEqual(start.frequencyCap);
    expect(accepted.quietHours).toEqual(start.quietHours);
    expect(accepted.identity).toEqual(start.identity);
  });

  it("accept all keeps a separate consent already given through its own control", () => {
    const given = { ...start, purposes: { ...start.purposes, [PURPOSE.crossBorder]: true } };
    expect(choicesForAction(document, "accept_all", given, CATALOG).purposes[PURPOSE.crossBorder]).toBe(true);
  });

  it("accept all overrides no honoured GPC opt-out: the purpose keeps its own answer", () => {
    const optedOut = { ...start, purposes: { ...start.purposes, [PURPOSE.analytics]: false } };
    const gpc = { gpcOptOut: [PURPOSE.analytics] };
    expect(choicesForAction(document, "accept_all", optedOut, CATALOG, gpc).purposes[PURPOSE.analytics]).toBe(false);
    expect(choicesForAction(document, "accept_all", optedOut, CATALOG).purposes[PURPOSE.analytics]).toBe(true);
    // Switched on by itself, it stays on; reject all still turns it off.
    const chosen = { ...start, purposes: { ...start.purposes, [PURPOSE.analytics]: true } };
    expect(choicesForAction(document, "accept_all", chosen, CATALOG, gpc).purposes[PURPOSE.analytics]).toBe(true);
    expect(choicesForAction(document, "reject_all", chosen, CATALOG, gpc).purposes[PURPOSE.analytics]).toBe(false);
  });

  it("without catalog flags, accept all turns every purpose on", () => {
    expect(choicesForAction(document, "accept_all", start).purposes[PURPOSE.crossBorder]).toBe(true);
  });

  it("reject all keeps only required purposes on and turns every channel and topic off", () => {
    const everything = choicesForAction(document, "accept_all", start);
    const rejected = choicesForAction(document, "reject_all", { ...everything, channels: { ...everything.channels, stale: ["sms"] } });
    expect(rejected.purposes).toEqual({
      [PURPOSE.necessary]: true,
      [PURPOSE.analytics]: false,
      [PURPOSE.marketing]: false,
      [PURPOSE.crossBorder]: false,
    });
    expect(rejected.channels).toEqual({ global: [], [PURPOSE.marketing]: [], stale: [] });
    expect(rejected.topics).toEqual([]);
    expect(rejected.identity).toEqual(start.identity);
  });

  it("save, open and close hand over the current choices unchanged", () => {
    const chosen = { ...start, purposes: { ...start.purposes, [PURPOSE.analytics]: true }, topics: [TOPIC.news] };
    for (const action of ["save_choices", "open_preferences", "close"] as const) {
      expect(choicesForAction(document, action, chosen)).toEqual(chosen);
    }
  });
});

describe("completeChoices", () => {
  it("forces required purposes on and fills toggles the state does not know yet", () => {
    const document = fullDocument();
    const completed = completeChoices(document, {
      purposes: { [PURPOSE.necessary]: false },
      channels: {},
      topics: [],
      frequencyCap: null,
      quietHours: null,
      identity: null,
    });
    expect(completed.purposes[PURPOSE.necessary]).toBe(true);
    expect(completed.purposes[PURPOSE.marketing]).toBe(true);
    expect(completed.purposes[PURPOSE.analytics]).toBe(false);
    expect(completed.channels.global).toEqual([]);
  });
});
