import type { Channel, ConsentState, FrequencyCap, QuietHours } from "./types";

/**
 * "May I contact this person for this purpose on this channel now?" — a pure function of what
 * lib/consent/decisions.ts loads. Checked in this order: purpose, subject, consent state (with
 * expiry), separate consent, channel, quiet hours, frequency cap; the first failure is the reason.
 */

export const DECISION_REASONS = [
  "consent_given",
  "no_consent",
  "consent_refused",
  "consent_withdrawn",
  "consent_expired",
  "pending_double_opt_in",
  "channel_not_allowed",
  "separate_consent_missing",
  "frequency_cap_reached",
  "quiet_hours",
  "unknown_subject",
  "unknown_purpose",
] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

export interface Decision {
  allow: boolean;
  reason: DecisionReason;
  /** Ledger event ids the answer rests on, each once: the state's last event, then the preferences' if another. */
  evidence: string[];
  /** How long the answer may be cached: until the next change that time alone could bring. */
  cacheSeconds: number;
}

/** An answer may always change when a new event is recorded: never cached longer than this. */
export const DEFAULT_CACHE_SECONDS = 60;

export interface ConsentStateRow {
  purposeId: string;
  state: ConsentState;
  separatelyGiven: boolean;
  expiresAt: Date | null;
  lastEventId: string;
  updatedAt: Date;
}

export interface SubjectPreferences {
  /** Allowed contact channels per purpose id, or for every purpose under "*". */
  channels: Record<string, Channel[]>;
  topics: string[];
  frequencyCap: FrequencyCap | null;
  /** `timeZone: "subject"` means the subject's own zone (DecideInput.subjectTimeZone). */
  quietHours: QuietHours | { start: string; end: string; timeZone: "subject" } | null;
  lastEventId: string | null;
}

export interface PurposeRules {
  id: string;
  key: string;
  /** Sensitive or flagged for separate consent (PIPL art. 23, 25, 29, 39): never from "accept all". */
  needsSeparateConsent: boolean;
  consentValidDays: number | null;
}

/** Contacts already made in a window ending at `now`. */
export interface ContactWindow {
  count: number;
  oldestAt: Date | null;
}

export interface DecideInput {
  /** null: no subject has this identifier. */
  subjectId: string | null;
  /** null: no purpose of the workspace has this id or key. */
  purpose: PurposeRules | null;
  /** The subject's state rows (only the purpose's row is read). */
  states: readonly ConsentStateRow[];
  preferences: SubjectPreferences | null;
  channel: Channel;
  /** Contacts in the last 7 days and the last month, for the cap's period. */
  contacts: { week: ContactWindow; month: ContactWindow };
  now: Date;
  /** For quiet hours set in the subject's own zone; UTC when unknown. */
  subjectTimeZone?: string;
}

const DAY_SECONDS = 24 * 60 * 60;

export function decide(input: DecideInput): Decision {
  const { purpose, now } = input;
  if (!purpose) return deny("unknown_purpose", [], DEFAULT_CACHE_SECONDS);
  if (!input.subjectId) return deny("unknown_subject", [], DEFAULT_CACHE_SECONDS);

  const row = input.states.find((state) => state.purposeId === purpose.id);
  if (!row) return deny("no_consent", [], DEFAULT_CACHE_SECONDS);
  const evidence = [row.lastEventId];
  const expiresAt = effectiveExpiry(row, purpose);
  const expired = expiresAt !== null && expiresAt.getTime() <= now.getTime();
  switch (row.state) {
    case "refused":
      return deny("consent_refused", evidence, DEFAULT_CACHE_SECONDS);
    case "withdrawn":
      return deny("consent_withdrawn", evidence, DEFAULT_CACHE_SECONDS);
    case "expired":
      return deny("consent_expired", evidence, DEFAULT_CACHE_SECONDS);
    case "invalidated":
      return deny("no_consent", evidence, DEFAULT_CACHE_SECONDS);
    case "requested":
      return deny(expired ? "consent_expired" : "pending_double_opt_in", evidence, DEFAULT_CACHE_SECONDS);
    case "given":
    case "renewed_given":
      if (expired) return deny("consent_expired", evidence, DEFAULT_CACHE_SECONDS);
  }
  if (purpose.needsSeparateConsent && !row.separatelyGiven) {
    return deny("separate_consent_missing", evidence, DEFAULT_CACHE_SECONDS);
  }

  const preferences = input.preferences;
  // One recording often sets both the state and the preferences: each event is named once.
  const preferenceEvidence =
    preferences?.lastEventId && !evidence.includes(preferences.lastEventId) ? [...evidence, preferences.lastEventId] : evidence;
  const allowedChannels = preferences?.channels[purpose.id] ?? preferences?.channels["*"];
  if (allowedChannels && !allowedChannels.includes(input.channel)) {
    return deny("channel_not_allowed", preferenceEvidence, DEFAULT_CACHE_SECONDS);
  }

  let cacheSeconds = DEFAULT_CACHE_SECONDS;
  if (expiresAt) cacheSeconds = Math.min(cacheSeconds, secondsBetween(now, expiresAt));

  const quiet = preferences?.quietHours;
  if (quiet) {
    const zone = quiet.timeZone === "subject" ? (input.subjectTimeZone ?? "UTC") : quiet.timeZone;
    const window = quietWindow(now, quiet.start, quiet.end, zone);
    if (window.inside) return deny("quiet_hours", preferenceEvidence, window.secondsToBoundary);
    if (window.secondsToBoundary !== null) cacheSeconds = Math.min(cacheSeconds, window.secondsToBoundary);
  }

  const cap = preferences?.frequencyCap;
  if (cap) {
    const contacts = cap.period === "week" ? input.contacts.week : input.contacts.month;
    if (contacts.count >= cap.max) {
      // Until the oldest contact in the window leaves it.
      const leaves = contacts.oldestAt ? addPeriod(contacts.oldestAt, cap.period) : now;
      return deny("frequency_cap_reached", preferenceEvidence, Math.max(1, secondsBetween(now, leaves)));
    }
    // The next contact reaches the cap: a cached "yes" would let a second one through.
    if (contacts.count + 1 >= cap.max) cacheSeconds = 0;
  }
  return { allow: true, reason: "consent_given", evidence: preferenceEvidence, cacheSeconds };
}

function deny(reason: DecisionReason, evidence: string[], cacheSeconds: number | null): Decision {
  return { allow: false, reason, evidence, cacheSeconds: cacheSeconds ?? DEFAULT_CACHE_SECONDS };
}

/** A consent given before the purpose had a validity rule expires by the rule all the same. */
function effectiveExpiry(row: ConsentStateRow, purpose: PurposeRules): Date | null {
  if (row.expiresAt) return row.expiresAt;
  if (purpose.consentValidDays !== null && (row.state === "given" || row.state === "renewed_given")) {
    return new Date(row.updatedAt.getTime() + purpose.consentValidDays * DAY_SECONDS * 1000);
  }
  return null;
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));
}

/** The start of the rolling window (7 days, or one calendar month) that ends at `at`, shifted forward. */
export function addPeriod(at: Date, period: FrequencyCap["period"]): Date {
  if (period === "week") return new Date(at.getTime() + 7 * DAY_SECONDS * 1000);
  const next = new Date(at.getTime());
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Seconds since local midnight of `at` in `timeZone` (a wall clock: DST shifts are the zone's). */
export function localSecondsOfDay(at: Date, timeZone: string): number {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    clockFormats.set(timeZone, format);
  }
  let seconds = 0;
  for (const part of format.formatToParts(at)) {
    if (part.type === "hour") seconds += Number(part.value) * 3600;
    else if (part.type === "minute") seconds += Number(part.value) * 60;
    else if (part.type === "second") seconds += Number(part.value);
  }
  return seconds;
}

function clockSeconds(hhmm: string): number {
  const [hours, minutes] = hhmm.split(":").map(Number);
  return (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
}

/**
 * Whether `at` falls in the daily window [start, end) of `timeZone` — a window whose start is
 * after its end crosses midnight (22:00–08:00) — and how long until it opens or closes.
 * An empty window (start = end) never applies.
 */
export function quietWindow(at: Date, start: string, end: string, timeZone: string): { inside: boolean; secondsToBoundary: number | null } {
  const from = clockSeconds(start);
  const to = clockSeconds(end);
  if (from === to) return { inside: false, secondsToBoundary: null };
  const now = localSecondsOfDay(at, timeZone);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  const boundary = inside ? to : from;
  const seconds = (boundary - now + DAY_SECONDS) % DAY_SECONDS;
  return { inside, secondsToBoundary: seconds === 0 ? DAY_SECONDS : seconds };
}
