import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "./database-errors";
import { recordConsentInputSchema, type PurposeStateAfter, type RecordConsentInput, type RecordConsentResult } from "./types";

interface StoredResult {
  subjectId: string;
  eventIds: string[];
  states: PurposeStateAfter[];
  receivedAt: string;
  replayed?: boolean;
  confirmationToken?: string;
  confirmationMessageId?: string | null;
}

/** The JSON public.record_consent and public.record_browser_consent read (camelCase, dates as ISO). */
function toPayload(input: RecordConsentInput): string {
  const parsed = recordConsentInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { occurredAt, ...rest } = parsed.data;
  return JSON.stringify({ ...rest, ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}) });
}

function toResult(stored: StoredResult): RecordConsentResult {
  return {
    subjectId: stored.subjectId,
    eventIds: stored.eventIds,
    states: stored.states,
    receivedAt: new Date(stored.receivedAt),
    replayed: stored.replayed === true,
    ...(stored.confirmationToken ? { confirmationToken: stored.confirmationToken } : {}),
    ...(stored.confirmationMessageId ? { confirmationMessageId: stored.confirmationMessageId } : {}),
  };
}

/**
 * Records a person's decisions (one ledger event per purpose), their projection and preferences
 * in the caller's transaction. The server path: `sql` runs as the service ("consent-api") after
 * the HTTP layer verified an API key with scope consent:write. With an idempotency key, the same
 * key and body return the first result (`replayed`), a different body raises
 * idempotency_mismatch and a request still running raises idempotency_in_flight.
 */
export async function recordConsent(sql: Sql, input: RecordConsentInput): Promise<RecordConsentResult> {
  const payload = toPayload(input);
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredResult }>("select public.record_consent($1::jsonb) as result", [payload]),
  );
  return toResult(row!.result);
}

/**
 * The browser path (`sql` as anon): the experience's public key and the request's Origin header
 * (null for the product's own hosted pages, established by the HTTP layer). The workspace and
 * version come from the key; web, app and mini-program channels only; never a confirmation token:
 * a double opt-in queues its message to the address instead (`confirmationMessageId`).
 */
export async function recordBrowserConsent(
  sql: Sql,
  access: { publicKey: string; origin: string | null },
  input: Omit<RecordConsentInput, "workspaceId"> & { workspaceId?: string },
): Promise<RecordConsentResult> {
  // The workspace comes from the public key; a placeholder satisfies the shared schema.
  const payload = toPayload({ ...input, workspaceId: input.workspaceId ?? "00000000-0000-0000-0000-000000000000" });
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredResult }>("select public.record_browser_consent($1, $2, $3::jsonb) as result", [
      access.publicKey,
      access.origin,
      payload,
    ]),
  );
  return toResult(row!.result);
}

export interface ConfirmDoubleOptInResult {
  subjectId: string;
  eventIds: string[];
  states: PurposeStateAfter[];
  receivedAt: Date;
}

/** Confirms a double opt-in by its token (anyone holding it): every requested purpose becomes given. */
export async function confirmDoubleOptIn(
  sql: Sql,
  token: string,
  context: { userAgent?: string; pageUrl?: string } = {},
): Promise<ConfirmDoubleOptInResult> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredResult }>("select public.confirm_double_opt_in($1, $2::jsonb) as result", [token, JSON.stringify(context)]),
  );
  const { subjectId, eventIds, states, receivedAt } = row!.result;
  return { subjectId, eventIds, states, receivedAt: new Date(receivedAt) };
}

/** Records `expired` for consents past their validity (service; a scheduled sweep). Returns how many. */
export async function expireConsents(sql: Sql, workspaceId: string, at: Date = new Date(), maxRows = 1000): Promise<number> {
  const [row] = await translatingErrors(() =>
    sql.query<{ expired: number }>("select public.expire_consents($1, $2, $3) as expired", [workspaceId, at.toISOString(), maxRows]),
  );
  return row!.expired;
}
