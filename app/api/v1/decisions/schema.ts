import { z } from "zod";
import { CONTACT_CHANNELS, instantSchema, subjectIdentifierSchema } from "@/lib/api/shared-schemas";
import { DECISION_REASONS, type DecisionReason } from "@/lib/consent/decide";

/** One "may I contact this subject for this purpose on this channel (now)?": POST /api/v1/decisions, and each of a batch. */
export const decisionRequest = z
  .strictObject({
    subject: subjectIdentifierSchema,
    /** A purpose id, or its key in the workspace catalog ("marketing"). */
    purpose: z.union([z.uuid(), z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, "a purpose id or key")]),
    channel: z.enum(CONTACT_CHANNELS),
    at: instantSchema.optional(),
  })
  .meta({ id: "DecisionRequest" });

/** POST /api/v1/decisions/batch: up to 500 questions in one call. */
export const decisionBatchBody = z.strictObject({ requests: z.array(decisionRequest).min(1).max(500) }).meta({ id: "DecisionBatchRequest" });

/** What each reason means; the first check that fails is the reason (lib/consent/decide.ts). */
export const DECISION_REASON_MEANINGS: Record<DecisionReason, string> = {
  consent_given: "allowed: consent stands, and channel, quiet hours and frequency cap permit it",
  no_consent: "no decision recorded for this purpose (or it was invalidated)",
  consent_refused: "the person refused",
  consent_withdrawn: "the person withdrew",
  consent_expired: "the consent (or a double opt-in request) is past its expiry",
  pending_double_opt_in: "given, but the address has not confirmed yet",
  channel_not_allowed: "the person's channel preferences exclude this channel for this purpose",
  separate_consent_missing: "the purpose needs separate consent and it came only bundled (\"accept all\")",
  frequency_cap_reached: "the person's frequency cap is reached; cacheSeconds says until a contact leaves the window",
  quiet_hours: "inside the person's quiet hours; cacheSeconds says until they end",
  unknown_subject: "no subject has this identifier",
  unknown_purpose: "no purpose of the workspace has this id or key",
};

/** The answer to one question. */
export const decisionResponse = z
  .strictObject({
    allow: z.boolean(),
    reason: z
      .enum(DECISION_REASONS)
      .describe(`Why: ${DECISION_REASONS.map((reason) => `${reason} — ${DECISION_REASON_MEANINGS[reason]}`).join("; ")}.`),
    evidence: z
      .array(z.uuid())
      .describe("Ledger event ids the answer rests on, each once: the purpose's latest event, then the event that last set the preferences when another. Empty without a recorded state."),
    cacheSeconds: z
      .int()
      .min(0)
      .describe("How long the answer may be reused: at most 60, less when time alone changes it (expiry, quiet hours, frequency cap); 0 when the next contact reaches the cap."),
  })
  .meta({ id: "Decision" });

export const decisionBatchResponse = z.strictObject({ decisions: z.array(decisionResponse).describe("In the order of the requests") }).meta({ id: "DecisionBatch" });
