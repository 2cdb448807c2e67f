import type { Sql } from "@/lib/db/types";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import { startVerificationSchema, type StartVerificationInput, type VerificationOutcome, type VerificationStarted } from "./types";

interface StoredStart {
  challengeId: string;
  messageId: string;
  channel: "email" | "sms";
  recipientMasked: string;
  expiresAt: string;
}

/**
 * Starts proving control of an email address or phone number for the live experience
 * `publicId` (`sql` as anon): a challenge and its message in the outbox. Answers the same whether
 * or not the person is known; throttled per identifier and per network (too_many_attempts).
 */
export async function startVerification(
  sql: Sql,
  publicId: string,
  input: StartVerificationInput,
  options: { locale: string; network?: string },
): Promise<VerificationStarted> {
  const parsed = startVerificationSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const [row] = await translatingErrors(() =>
    sql.query<{ result: StoredStart }>("select public.start_subject_verification($1, $2, $3, $4, $5) as result", [
      publicId,
      parsed.data.kind,
      parsed.data.value,
      options.locale,
      options.network ?? null,
    ]),
  );
  const result = row!.result;
  return { ...result, expiresAt: new Date(result.expiresAt) };
}

type StoredOutcome =
  | { status: "verified"; sessionToken: string; expiresAt: string }
  | { status: "invalid"; attemptsLeft: number }
  | { status: "locked" }
  | { status: "expired" };

function toOutcome(stored: StoredOutcome): VerificationOutcome {
  return stored.status === "verified" ? { ...stored, expiresAt: new Date(stored.expiresAt) } : stored;
}

/**
 * Checks a one-time code. Never throws for a wrong code: the caller's transaction must commit
 * so that the attempt counts (5 wrong ones lock the challenge). `deviceId`: the hosted pages'
 * device id from this browser; its anonymous subject joins the verified person's.
 */
export async function verifyCode(sql: Sql, challengeId: string, code: string, options: { deviceId?: string | null } = {}): Promise<VerificationOutcome> {
  const [row] = await sql.query<{ result: StoredOutcome }>("select public.verify_subject_code($1, $2, $3) as result", [challengeId, code, options.deviceId ?? null]);
  return toOutcome(row!.result);
}

/** Uses a magic link's token (once). */
export async function verifyLink(sql: Sql, token: string, options: { deviceId?: string | null } = {}): Promise<VerificationOutcome> {
  const [row] = await sql.query<{ result: StoredOutcome }>("select public.verify_subject_link($1, $2) as result", [token, options.deviceId ?? null]);
  return toOutcome(row!.result);
}

export async function endSubjectSession(sql: Sql, sessionToken: string): Promise<void> {
  await sql.query("select public.end_subject_session($1)", [sessionToken]);
}
