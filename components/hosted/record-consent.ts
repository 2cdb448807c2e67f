import type { ConsentChoices } from "@/components/renderer/types";
import { hostedQuery, type HostedParams } from "@/lib/public/hosted-url";
import type { LiveExperience } from "@/lib/public/live-types";
import { storedChoiceCookie, type StoredChoice } from "@/lib/public/stored-choice";
import { consentSubmission, type SubmissionAction } from "@/lib/public/submission";

/** A random device id: the subject a hosted page records under (kept in the first-party cookie). */
export function newDeviceId(): string {
  return crypto.randomUUID();
}

/** One decision on its way to the ledger; kept as it is until it is recorded, and sent again unchanged. */
export interface PendingChoice {
  action: SubmissionAction;
  choices: ConsentChoices;
  deviceId: string;
  previous: StoredChoice | null;
  /** The same on every attempt: a retry after a lost answer never records the decision twice. */
  idempotencyKey: string;
}

export function pendingChoice(input: Omit<PendingChoice, "idempotencyKey">): PendingChoice {
  return { ...input, idempotencyKey: crypto.randomUUID() };
}

/**
 * Why a decision was not recorded: the API's own message (already in the page's language, sent
 * as Accept-Language), or null when the server was not reached. `transient` failures (no
 * network, a busy or failing server) are worth sending again by themselves.
 */
export class ChoiceNotRecorded extends Error {
  constructor(
    readonly reason: string | null,
    readonly transient: boolean,
  ) {
    super(`consent not recorded: ${reason ?? "network error"}`);
  }
}

async function refusal(response: Response): Promise<ChoiceNotRecorded> {
  const transient = response.status >= 500 || response.status === 429;
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    const message = body.error?.message;
    return new ChoiceNotRecorded(typeof message === "string" && message.trim() !== "" ? message.slice(0, 300) : null, transient);
  } catch {
    return new ChoiceNotRecorded(null, transient);
  }
}

/**
 * Records one decision through POST /api/v1/consents with the experience's public key (the
 * page's own origin, so no allowed-origins entry is needed), then keeps it in the `csy_consent`
 * cookie. The hosted URL's channel and store travel with it: the collection channel, and the
 * page address (with `?store=`) in the event's context. Returns null when the action records
 * nothing (no purpose to decide on); throws ChoiceNotRecorded when the API refuses or cannot be reached.
 */
/** What a recorded decision leaves: the choice kept in the cookie, and the receipt the server made of it. */
export interface RecordedChoice {
  stored: StoredChoice;
  receipt: { id: string; token: string } | null;
}

export async function recordHostedChoice(live: LiveExperience, params: HostedParams, input: PendingChoice): Promise<RecordedChoice | null> {
  // A preference page that asks for an address records under it (the ledger asks that address to
  // confirm where the purpose needs double opt-in); otherwise, and for GPC, under the device.
  const identity = input.action === "gpc" ? null : input.choices.identity;
  const subject = identity && identity.value.trim() !== "" ? { kind: identity.kind, value: identity.value.trim() } : { kind: "device_id" as const, value: input.deviceId };
  const submission = consentSubmission(live, {
    action: input.action,
    choices: input.choices,
    subject,
    channel: params.channel ?? "web",
    context: { userAgent: navigator.userAgent },
  });
  if (submission.decisions.length === 0) return null;
  // Only the hosted page's own, validated parameters: they say where the person met the page.
  submission.context = { ...submission.context, pageUrl: `${location.origin}${location.pathname}${hostedQuery(params)}`.slice(0, 2048) };
  let response: Response;
  try {
    response = await fetch("/api/v1/consents", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Consentry-Key": live.publicKey,
        "Idempotency-Key": input.idempotencyKey,
        "Accept-Language": document.documentElement.lang || "en",
      },
      body: JSON.stringify(submission),
    });
  } catch {
    throw new ChoiceNotRecorded(null, true);
  }
  if (!response.ok) throw await refusal(response);
  const answer = (await response.json().catch(() => ({}))) as { receiptId?: unknown; receiptToken?: unknown };
  const receipt = typeof answer.receiptId === "string" && typeof answer.receiptToken === "string" ? { id: answer.receiptId, token: answer.receiptToken } : null;

  const sameVersion = input.previous?.experience === live.publicId && input.previous.versionNumber === live.versionNumber;
  const decided = new Map(submission.decisions.map((decision) => [decision.purposeId, decision.state]));
  const keep = (ids: readonly string[] | undefined) => (sameVersion ? (ids ?? []).filter((id) => !decided.has(id)) : []);
  const stored: StoredChoice = {
    experience: live.publicId,
    versionNumber: live.versionNumber,
    at: new Date(),
    given: [...keep(input.previous?.given), ...[...decided].filter(([, state]) => state === "given").map(([id]) => id)],
    refused: [...keep(input.previous?.refused), ...[...decided].filter(([, state]) => state === "refused").map(([id]) => id)],
    deviceId: input.deviceId,
    gpc: input.action === "gpc" || (sameVersion && input.previous?.gpc === true),
  };
  document.cookie = storedChoiceCookie(stored, { reaskAfterDays: live.rules.reaskAfterDays, secure: location.protocol === "https:" });
  return { stored, receipt };
}
