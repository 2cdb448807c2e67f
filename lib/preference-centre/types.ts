import { z } from "zod";
import { preferencesInputSchema, type Channel, type CollectionChannel, type ConsentMethod, type ConsentState } from "@/lib/consent/types";

/**
 * The preference centre's vocabulary (supabase/migrations/20261124110000_preference_centre.sql).
 * Pure: no database, no Node, so forms and pages share the schemas.
 */

/** What a person can prove control of here: a code is sent to it. */
export const CENTRE_IDENTIFIER_KINDS = ["email", "phone"] as const;
export type CentreIdentifierKind = (typeof CENTRE_IDENTIFIER_KINDS)[number];

export const startVerificationSchema = z.object({
  kind: z.enum(CENTRE_IDENTIFIER_KINDS),
  value: z.string().trim().min(3).max(320),
});
export type StartVerificationInput = z.infer<typeof startVerificationSchema>;

export const challengeIdSchema = z.guid();
/** Tokens the database makes: a prefix and 64 hex digits. */
export const magicLinkTokenSchema = z.string().regex(/^mlk_[0-9a-f]{64}$/);
export const sessionTokenSchema = z.string().regex(/^pcs_[0-9a-f]{64}$/);
export const receiptTokenSchema = z.string().regex(/^rct_[0-9a-f]{64}$/);
export const publicIdSchema = z.string().regex(/^x[0-9a-f]{20}$/);

export interface VerificationStarted {
  challengeId: string;
  messageId: string;
  channel: "email" | "sms";
  recipientMasked: string;
  expiresAt: Date;
}

/** Verification answers a status (a wrong attempt must be counted, so the database never raises). */
export type VerificationOutcome =
  | { status: "verified"; sessionToken: string; expiresAt: Date }
  | { status: "invalid"; attemptsLeft: number }
  | { status: "locked" }
  | { status: "expired" };

/** Where and how a page visit happened: recorded on every event of a change. */
export interface CentreVisit {
  locale: string;
  region: { code: string; resolvedBy: string; evidence?: string | null };
  context: { ipTruncated?: string; userAgent?: string; pageUrl?: string };
}

export const CENTRE_METHODS = ["save", "toggle", "click_accept"] as const;

export const centreChangeSchema = z.object({
  method: z.enum(CENTRE_METHODS),
  decisions: z.array(z.object({ purposeId: z.guid(), given: z.boolean() })).max(50),
  preferences: preferencesInputSchema.optional(),
});
export type CentreChange = z.infer<typeof centreChangeSchema>;

export interface PurposeStatus {
  purposeId: string;
  purposeKey: string;
  purposeName: Record<string, string>;
  necessary: boolean;
  state: ConsentState;
  method: ConsentMethod;
  channel: CollectionChannel;
  separatelyGiven: boolean;
  /** When the person chose (the last event's occurred_at). */
  occurredAt: Date;
  expiresAt: Date | null;
  eventId: string;
}

export interface CentrePreferences {
  channels: Record<string, Channel[]>;
  topics: string[];
  frequencyCap: { max: number; period: "week" | "month" } | null;
  quietHours: { start: string; end: string; timeZone: string } | null;
  updatedAt: Date;
}

export const DATA_REQUEST_KINDS = ["access", "deletion", "correction"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = ["received", "in_progress", "completed", "rejected"] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

export const dataRequestSchema = z.object({
  kind: z.enum(DATA_REQUEST_KINDS),
  note: z.string().trim().max(2000).optional(),
});

export interface CentreState {
  identifierKind: CentreIdentifierKind;
  sessionExpiresAt: Date;
  states: PurposeStatus[];
  preferences: CentrePreferences | null;
  receipts: { id: string; action: ReceiptAction; createdAt: Date }[];
  requests: { id: string; kind: DataRequestKind; status: DataRequestStatus; createdAt: Date }[];
}

export type ReceiptAction = "change" | "withdraw_all" | "decision";

export interface CentreChangeResult {
  changed: boolean;
  eventIds: string[];
  states: { purposeId: string; state: ConsentState }[];
  /** Present when something changed: the receipt and the token that opens it without a session. */
  receipt?: { id: string; token: string };
}
