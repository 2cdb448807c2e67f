import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { recordConsent } from "@/lib/consent/record";
import type { CollectionChannel, RecordConsentInput, SubjectRef } from "@/lib/consent/types";
import { DEMO_CUSTOMER } from "./content";

/**
 * A few weeks of fictional consent history for the demo shop, recorded through the real
 * ledger function (hashes, projections, preferences, outbox and audit all real).
 *
 * Time, honestly: every event is RECEIVED now (the seed runs now); `occurredAt` carries when
 * the fictional person decided. The ledger accepts a past `occurredAt` for live methods only
 * within a day, so older decisions are recorded as what they are here — imported history
 * (method `api_import`) — and decisions of the last day with the method the person used.
 * Every event's context names it demo data.
 */

export interface DemoLedgerTargets {
  workspaceId: string;
  banner: { versionId: string; purposes: { necessary: string; analytics: string; advertising: string; personalisation: string } };
  preferencePage: { versionId: string; marketing: string; topics: string[] };
}

export const DEMO_USER_AGENT = "Consentry demo data (fictional)";
const DAY = 86_400_000;
/** Decisions older than this are imported history; the ledger takes live ones up to a day old. */
const LIVE_WINDOW = 23 * 3_600_000;
const HISTORY_DAYS = 42;

/** Deterministic pseudo-randomness (mulberry32): the same demo on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Region = "CN" | "EU" | "US-CA" | "HK";

function pick<T>(next: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const hex = (next: () => number, length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join("");
const digits = (next: () => number, length: number) => Array.from({ length }, () => Math.floor(next() * 10)).join("");

function subjectFor(next: () => number, channel: CollectionChannel, index: number): SubjectRef {
  switch (channel) {
    case "app":
      return { kind: "member_id", value: `AT-${digits(next, 7)}` };
    case "mini_program":
      return { kind: "wechat_openid", value: `oAcme${hex(next, 23)}` };
    case "store":
      return next() < 0.5 ? { kind: "phone", value: `+86138${digits(next, 8)}` } : { kind: "email", value: `customer${index}@example.com` };
    default:
      return { kind: "device_id", value: hex(next, 32) };
  }
}

function localeFor(next: () => number, region: Region): string {
  if (region === "CN") return "zh-CN";
  if (region === "HK") return next() < 0.7 ? "zh-TW" : "en";
  return "en";
}

/**
 * The recordings, oldest decision of each person first. `people` people, a quarter of whom come
 * back later to withdraw something they gave. Pure: the same `now` gives the same list.
 */
export function demoRecordings(targets: DemoLedgerTargets, now: Date, people = 120): RecordConsentInput[] {
  const next = random(20261207);
  const recordings: RecordConsentInput[] = [];
  const at = (time: number, live: RecordConsentInput["method"]) => ({ occurredAt: new Date(time), method: now.getTime() - time > LIVE_WINDOW ? ("api_import" as const) : live });

  for (let index = 0; index < people; index++) {
    // The first person is the named customer: marketing by email and SMS, given at a store in Shanghai.
    const customer = index === 0;
    const channel = customer ? "store" : pick<CollectionChannel>(next, [["web", 40], ["app", 25], ["mini_program", 20], ["store", 15]]);
    const region = customer || channel === "mini_program" ? "CN" : pick<Region>(next, channel === "web" ? [["CN", 35], ["EU", 30], ["US-CA", 15], ["HK", 20]] : [["CN", 60], ["HK", 40]]);
    const subject: SubjectRef = customer ? { ...DEMO_CUSTOMER } : subjectFor(next, channel, index);
    const decided = now.getTime() - Math.floor(next() * HISTORY_DAYS * DAY) - 300_000;
    const base = {
      workspaceId: targets.workspaceId,
      subject,
      channel,
      expressedBy: "subject" as const,
      locale: localeFor(next, region),
      region: { code: region, resolvedBy: channel === "web" ? "geo_header" : "parameter" },
      context: { userAgent: DEMO_USER_AGENT, ...(channel === "web" ? { pageUrl: "https://acme-tea.example/" } : {}) },
    };

    let given: string[];
    if (channel === "store") {
      // At the till: the hosted preference centre on the shop's tablet, marketing and its channels.
      const { marketing, topics } = targets.preferencePage;
      const yes = customer || next() < 0.65;
      recordings.push({
        ...base,
        ...at(decided, "save"),
        experienceVersionId: targets.preferencePage.versionId,
        decisions: [{ purposeId: marketing, state: yes ? "given" : "refused", separate: true }],
        ...(yes ? { preferences: { channels: { [marketing]: customer ? ["email", "sms"] : next() < 0.5 ? ["email"] : ["sms", "wechat"] }, topics: topics.slice(0, 1 + Math.floor(next() * topics.length)) } } : {}),
      });
      given = yes ? [marketing] : [];
    } else {
      const { necessary, ...optional } = targets.banner.purposes;
      const action = pick(next, [["accept", region === "US-CA" ? 60 : 45], ["reject", 25], ["save", 30]] as const);
      const choices = Object.values(optional).map((purposeId) => ({
        purposeId,
        state: (action === "accept" || (action === "save" && next() < 0.5) ? "given" : "refused") as "given" | "refused",
        separate: action !== "accept",
      }));
      recordings.push({
        ...base,
        ...at(decided, action === "accept" ? "click_accept" : action === "reject" ? "click_reject" : "save"),
        experienceVersionId: targets.banner.versionId,
        decisions: [{ purposeId: necessary, state: "given", separate: action !== "accept" }, ...choices],
      });
      given = choices.filter((choice) => choice.state === "given").map((choice) => choice.purposeId);
    }

    // Some come back and withdraw one thing they gave, as easily as they gave it.
    if (!customer && given.length > 0 && next() < 0.25) {
      // At least a minute after the decision, and at least a minute ago.
      const withdrawnAt = decided + 60_000 + Math.floor(next() * (now.getTime() - decided - 120_000));
      const purposeId = given[Math.floor(next() * given.length)]!;
      recordings.push({
        ...base,
        ...at(withdrawnAt, "toggle"),
        experienceVersionId: channel === "store" ? targets.preferencePage.versionId : targets.banner.versionId,
        decisions: [{ purposeId, state: "withdrawn", separate: true }],
      });
    }
  }
  return recordings;
}

/** Records them in a few transactions (one per batch) as the seed's service; returns the event count. */
export async function recordDemoConsents(db: Database, recordings: readonly RecordConsentInput[], batch = 60): Promise<number> {
  let events = 0;
  for (let start = 0; start < recordings.length; start += batch) {
    events += await runAsService(db, "demo-seed", async (sql) => {
      let count = 0;
      for (const input of recordings.slice(start, start + batch)) count += (await recordConsent(sql, input)).eventIds.length;
      return count;
    });
  }
  return events;
}
