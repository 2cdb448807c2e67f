import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import type { ConsentState } from "@/lib/consent/types";
import { centreChangeSchema, type CentreChange, type CentreChangeResult, type CentreState, type CentreVisit, type PurposeStatus } from "./types";

/*
 * A verified person's own state and changes, by session token (`sql` as anon). Every function
 * also names the live experience being shown (its public id): a session of another workspace is
 * refused with session_invalid, as is an expired or ended one.
 */

type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type StoredState = Omit<CentreState, "sessionExpiresAt" | "states" | "preferences" | "receipts" | "requests"> & {
  sessionExpiresAt: string;
  states: Stored<PurposeStatus>[];
  preferences: (Stored<NonNullable<CentreState["preferences"]>> & { updatedAt: string }) | null;
  receipts: Stored<CentreState["receipts"][number]>[];
  requests: Stored<CentreState["requests"][number]>[];
};

const date = (value: string) => new Date(value);
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

export async function readCentreState(sql: Sql, sessionToken: string, publicId: string): Promise<CentreState> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredState }>("select public.subject_centre_state($1, $2) as result", [sessionToken, publicId]),
  );
  const stored = row!.result;
  return {
    identifierKind: stored.identifierKind,
    sessionExpiresAt: date(stored.sessionExpiresAt),
    states: stored.states.map((s) => ({ ...s, occurredAt: date(s.occurredAt), expiresAt: dateOrNull(s.expiresAt) })),
    preferences: stored.preferences ? { ...stored.preferences, updatedAt: date(stored.preferences.updatedAt) } : null,
    receipts: stored.receipts.map((r) => ({ ...r, createdAt: date(r.createdAt) })),
    requests: stored.requests.map((r) => ({ ...r, createdAt: date(r.createdAt) })),
  };
}

interface StoredChange {
  changed: boolean;
  eventIds: string[];
  states: { purposeId: string; state: ConsentState }[];
  receiptId?: string;
  receiptToken?: string;
}

function toChangeResult({ receiptId, receiptToken, ...rest }: StoredChange): CentreChangeResult {
  return { ...rest, ...(receiptId && receiptToken ? { receipt: { id: receiptId, token: receiptToken } } : {}) };
}

function visitPayload(visit: CentreVisit) {
  const { evidence, ...region } = visit.region;
  return { locale: visit.locale, region: evidence ? { ...region, evidence } : region, context: visit.context };
}

/**
 * Records what the person changed: one ledger event per purpose whose state changes (channel web,
 * expressed by the subject), preferences with them, and a receipt. Nothing changed: no event,
 * no receipt (`changed: false`).
 */
export async function recordCentreChange(
  sql: Sql,
  sessionToken: string,
  publicId: string,
  change: CentreChange,
  visit: CentreVisit,
): Promise<CentreChangeResult> {
  const parsed = centreChangeSchema.safeParse(change);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const payload = { ...visitPayload(visit), ...parsed.data };
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredChange }>("select public.record_subject_choices($1, $2, $3::jsonb) as result", [
      sessionToken,
      publicId,
      JSON.stringify(payload),
    ]),
  );
  return toChangeResult(row!.result);
}

/** Withdraws every consent the person has given (necessary purposes excepted), in one step. */
export async function withdrawAllConsent(sql: Sql, sessionToken: string, publicId: string, visit: CentreVisit): Promise<CentreChangeResult> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredChange }>("select public.withdraw_all_subject_consent($1, $2, $3::jsonb) as result", [
      sessionToken,
      publicId,
      JSON.stringify(visitPayload(visit)),
    ]),
  );
  return toChangeResult(row!.result);
}
