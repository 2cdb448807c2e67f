import { z } from "zod";
import { channelSchema } from "@/lib/experience/blocks/preferences";
import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "./database-errors";
import { decide, type ConsentStateRow, type Decision, type PurposeRules, type SubjectPreferences } from "./decide";
import { IDENTIFIER_KINDS, type Channel, type ConsentState, type FrequencyCap } from "./types";

export const decisionRequestSchema = z
  .object({
    subject: z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().trim().min(1).max(320) }),
    purposeId: z.guid().optional(),
    purposeKey: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/).optional(),
    /** Either of the above: an id when it looks like one, else a key. */
    purpose: z.string().min(1).max(64).optional(),
    channel: channelSchema,
    at: z.union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))]).optional(),
  })
  .refine((request) => [request.purposeId, request.purposeKey, request.purpose].filter((v) => v !== undefined).length === 1, {
    message: "Name the purpose once: purposeId, purposeKey or purpose",
  });
export type DecisionRequest = z.input<typeof decisionRequestSchema>;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** At most this many requests in one batch. */
export const MAX_DECISION_BATCH = 1000;
// Built once: making a zod schema costs more than using it.
const decisionBatchSchema = z.array(decisionRequestSchema).max(MAX_DECISION_BATCH);

interface InputsRow {
  ordinal: number;
  subject_id: string | null;
  purpose: { id: string; key: string; separate_consent: boolean; consent_valid_days: number | null } | null;
  state: {
    purpose_id: string;
    state: ConsentState;
    separately_given: boolean;
    expires_at: string | null;
    last_event_id: string;
    updated_at: string;
  } | null;
  preferences: {
    channels: Record<string, Channel[]>;
    topics: string[];
    frequency_cap_max: number | null;
    frequency_cap_period: FrequencyCap["period"] | null;
    quiet_hours_start: string | null;
    quiet_hours_end: string | null;
    quiet_hours_time_zone: string | null;
    last_event_id: string | null;
  } | null;
  contacts: { week_count: number; week_oldest: string | null; month_count: number; month_oldest: string | null } | null;
}

const date = (value: string | null) => (value ? new Date(value) : null);

/**
 * Answers many "may I contact S for P on C (at T)?" questions in ONE round trip to the database
 * (public.decision_inputs loads subjects, states, preferences, purpose rules and contact counts
 * for the whole batch), then decides each with the pure `decide`. Answers come in request order.
 */
export async function decideMany(sql: Sql, workspaceId: string, requests: readonly DecisionRequest[]): Promise<Decision[]> {
  const parsed = decisionBatchSchema.safeParse(requests);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  if (parsed.data.length === 0) return [];
  const now = new Date();
  const payload = parsed.data.map((request) => ({
    kind: request.subject.kind,
    value: request.subject.value,
    purposeId: request.purposeId ?? (request.purpose && GUID.test(request.purpose) ? request.purpose : undefined),
    purposeKey: request.purposeKey ?? (request.purpose && !GUID.test(request.purpose) ? request.purpose : undefined),
    at: (request.at ?? now).toISOString(),
  }));
  const rows = await translatingErrors(() =>
    sql.query<InputsRow>(
      "select ordinal, subject_id, purpose, state, preferences, contacts from public.decision_inputs($1, $2::jsonb)",
      [workspaceId, JSON.stringify(payload)],
    ),
  );
  return rows.map((row, index) => {
    const request = parsed.data[index]!;
    const purpose: PurposeRules | null = row.purpose
      ? {
          id: row.purpose.id,
          key: row.purpose.key,
          needsSeparateConsent: row.purpose.separate_consent,
          consentValidDays: row.purpose.consent_valid_days,
        }
      : null;
    const states: ConsentStateRow[] = row.state
      ? [
          {
            purposeId: row.state.purpose_id,
            state: row.state.state,
            separatelyGiven: row.state.separately_given,
            expiresAt: date(row.state.expires_at),
            lastEventId: row.state.last_event_id,
            updatedAt: new Date(row.state.updated_at),
          },
        ]
      : [];
    const p = row.preferences;
    const preferences: SubjectPreferences | null = p
      ? {
          channels: p.channels,
          topics: p.topics,
          frequencyCap: p.frequency_cap_max !== null && p.frequency_cap_period ? { max: p.frequency_cap_max, period: p.frequency_cap_period } : null,
          quietHours:
            p.quiet_hours_start && p.quiet_hours_end && p.quiet_hours_time_zone
              ? { start: p.quiet_hours_start, end: p.quiet_hours_end, timeZone: p.quiet_hours_time_zone }
              : null,
          lastEventId: p.last_event_id,
        }
      : null;
    const c = row.contacts;
    return decide({
      subjectId: row.subject_id,
      purpose,
      states,
      preferences,
      channel: request.channel,
      contacts: {
        week: { count: c?.week_count ?? 0, oldestAt: date(c?.week_oldest ?? null) },
        month: { count: c?.month_count ?? 0, oldestAt: date(c?.month_oldest ?? null) },
      },
      now: request.at ?? now,
    });
  });
}

/** One question: decideMany with a single request. */
export async function decideOne(sql: Sql, workspaceId: string, request: DecisionRequest): Promise<Decision> {
  const [decision] = await decideMany(sql, workspaceId, [request]);
  return decision!;
}
