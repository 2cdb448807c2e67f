import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "@/lib/consent/database-errors";
import type { CollectionChannel, ConsentMethod, ConsentState, ConsentType, ExpressedBy, IdentifierKind } from "@/lib/consent/types";
import type { ReceiptAction } from "./types";

/** One ledger event as a receipt shows it: every field of regulations.md "What a consent record carries". */
export interface ReceiptEvent {
  id: string;
  schemaVersion: number;
  seq: number;
  occurredAt: string;
  receivedAt: string;
  identifierKind: IdentifierKind;
  identifierHash: string;
  expressedBy: ExpressedBy;
  controller: { legal_entity_name: string; contact_address: string };
  purposeId: string;
  purpose: {
    key: string;
    data_categories: string[];
    sensitive: boolean;
    legal_basis: string;
    recipients: string[] | null;
    third_party_recipient?: string | null;
    cross_border_recipient?: string | null;
    cross_border_country?: string | null;
    separate_consent: boolean;
    retention?: unknown;
    retention_days?: number | null;
    dpv_purpose?: string | null;
  };
  purposeName: Record<string, string>;
  separatelyGiven: boolean;
  experienceVersionId: string | null;
  noticeVersions: Record<string, string>;
  language: string;
  regionCode: string;
  regionResolution: Record<string, unknown>;
  consentType: ConsentType;
  method: ConsentMethod;
  channel: CollectionChannel;
  state: ConsentState;
  expiresAt: string | null;
  preferences: Record<string, unknown> | null;
  context: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A notice version the receipt's events pin, named as the page shows it. */
export interface ReceiptNotice {
  noticeId: string;
  versionId: string;
  name: string;
  number: number;
}

/** Where a change of the receipt went (proof of propagation): destination names, statuses and times only. */
export interface ReceiptPropagation {
  eventId: string;
  destination: string;
  status: "pending" | "in_flight" | "delivered" | "retrying" | "dead";
  deliveredAt: string | null;
  attempts: number;
}

export interface ConsentReceipt {
  id: string;
  action: ReceiptAction;
  createdAt: string;
  publicId: string;
  experienceVersion: { id: string; number: number; contentHash: string };
  events: ReceiptEvent[];
  notices: ReceiptNotice[];
  propagation: ReceiptPropagation[];
}

export interface IssuedReceipt {
  receiptId: string;
  receiptToken: string;
}

/**
 * A receipt of a decision the API has just recorded on the app's own hosted page (`sql` as the
 * API service): the events must be one subject's, on this experience, from the last minutes.
 */
export async function issueDecisionReceipt(sql: Sql, publicKey: string, eventIds: readonly string[]): Promise<IssuedReceipt> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: IssuedReceipt }>("select private.new_decision_receipt($1, $2::uuid[]) as result", [publicKey, eventIds]),
  );
  return row!.result;
}

/**
 * A receipt, opened by its token or by a session of the person it belongs to (`sql` as anon).
 * Anything else — a guessed id, another person's receipt, an expired session — is not_found.
 */
export async function readReceipt(
  sql: Sql,
  receiptId: string,
  access: { receiptToken?: string | null; sessionToken?: string | null },
): Promise<ConsentReceipt> {
  const params = [receiptId, access.receiptToken ?? null, access.sessionToken ?? null];
  const [row] = await translatingErrors(() =>
    sql.query<{ result: Omit<ConsentReceipt, "propagation"> }>("select public.read_consent_receipt($1, $2, $3) as result", params),
  );
  // The same access rule, checked again by the function itself.
  const [propagation] = await translatingErrors(() =>
    sql.query<{ result: ReceiptPropagation[] }>("select public.consent_receipt_propagation($1, $2, $3) as result", params),
  );
  return { ...row!.result, propagation: propagation!.result };
}

const localName = (name: Record<string, string>, locale: string) => name[locale] ?? name.en ?? Object.values(name)[0] ?? "";

/**
 * The receipt as JSON: the Kantara Consent Receipt v1.1 fields at the top, and every ledger
 * record it covers with the ISO/IEC TS 27560 fields under `records`.
 */
export function receiptDocument(receipt: ConsentReceipt, options: { locale: string; withdrawUrl: string }) {
  const first = receipt.events[0];
  const controller = first?.controller;
  return {
    version: "KI-CR-v1.1.0",
    consentReceiptID: receipt.id,
    consentTimestamp: Math.floor(new Date(receipt.createdAt).getTime() / 1000),
    action: receipt.action,
    jurisdiction: first?.regionCode ?? null,
    language: first?.language ?? options.locale,
    collectionMethod: first ? `${first.channel}: ${receipt.action === "decision" ? "hosted page" : "preference centre"} (${first.method})` : null,
    piiPrincipalId: first?.identifierHash ?? null,
    piiPrincipalIdKind: first?.identifierKind ?? null,
    piiControllers: controller
      ? [{ piiController: controller.legal_entity_name, contact: controller.contact_address, address: controller.contact_address }]
      : [],
    withdrawUrl: options.withdrawUrl,
    experienceVersion: receipt.experienceVersion,
    services: receipt.events.map((event) => ({
      service: localName(event.purposeName, options.locale),
      purposes: [
        {
          purpose: event.purpose.key,
          purposeCategory: event.purpose.dpv_purpose ? [event.purpose.dpv_purpose] : [],
          consentType: event.consentType,
          piiCategory: event.purpose.data_categories,
          legalBasis: event.purpose.legal_basis,
          state: event.state,
          termination: event.expiresAt ?? "until withdrawn",
          thirdPartyDisclosure: (event.purpose.recipients?.length ?? 0) > 0 || Boolean(event.purpose.third_party_recipient),
          thirdPartyName: event.purpose.recipients ?? [],
        },
      ],
    })),
    sensitive: receipt.events.some((event) => event.purpose.sensitive),
    spiCat: receipt.events.filter((event) => event.purpose.sensitive).flatMap((event) => event.purpose.data_categories),
    records: receipt.events,
    // Where each change was delivered, and when: the downstream systems told of it.
    propagation: receipt.propagation,
  };
}
