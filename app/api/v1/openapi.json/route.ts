import { buildOpenApi } from "@/lib/api/openapi";
import { jsonResponse } from "@/lib/api/respond";
import { recordConsentBody, recordConsentResponse } from "../consents/schema";
import { appendContactBody } from "../contacts/schema";
import { decisionBatchBody, decisionBatchResponse, decisionRequest, decisionResponse } from "../decisions/schema";
import { createDestinationBody, noDestinationQuery, updateDestinationBody } from "../destinations/schema";
import { confirmDoubleOptInBody } from "../double-opt-in/confirm/schema";
import { smsInboundBody } from "../sms/inbound/schema";
import { liveExperienceQuery, qrCodeQuery } from "@/lib/public/hosted-params";
import { receiptQuery } from "../receipts/[receiptId]/schema";
import { subjectHistoryQuery } from "../subjects/history/schema";
import { linkSubjectsBody } from "../subjects/link/schema";
import { changesQuery } from "@/lib/sync/changes";
import { signingKeyQuery } from "@/lib/sync/signing-key";

const DESTINATION_ID_PARAMETER = { name: "destinationId", description: "The destination's id", pattern: "^[0-9a-f-]{36}$" };
const MANAGE = { scope: "destinations:manage" };
const DESTINATION = { status: 200, description: "{ destination }: never a secret" };

const PUBLIC_ID_PARAMETER = { name: "publicId", description: "The experience's public id (shown on its publishing page)", pattern: "^x[0-9a-f]{20}$" };

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate with. */
const document = buildOpenApi([
  { method: "post", path: "/consents", summary: "Record consent decisions", schema: recordConsentBody, auth: { scope: "consent:write", browser: true }, idempotent: true, success: { status: 201, description: "Recorded (or replayed: Idempotent-Replayed: true). From the app's own hosted pages, with the receipt of the decisions (receiptId, receiptToken)", schema: recordConsentResponse } },
  { method: "post", path: "/decisions", summary: "May I contact this subject for this purpose on this channel?", schema: decisionRequest, auth: { scope: "decisions:read" }, success: { status: 200, description: "The decision; Cache-Control: private, max-age=cacheSeconds", schema: decisionResponse } },
  { method: "post", path: "/decisions/batch", summary: "Up to 500 decisions", schema: decisionBatchBody, auth: { scope: "decisions:read" }, success: { status: 200, description: "One decision per request, in order", schema: decisionBatchResponse } },
  { method: "post", path: "/contacts", summary: "Log a contact (frequency caps)", schema: appendContactBody, auth: { scope: "contacts:write" }, success: { status: 201, description: "Logged" } },
  { method: "post", path: "/subjects/link", summary: "Link an anonymous identifier to a known one", schema: linkSubjectsBody, auth: { scope: "consent:write" }, success: { status: 200, description: "Linked" } },
  { method: "get", path: "/subjects/history", summary: "A subject's consent history", schema: subjectHistoryQuery, source: "query", auth: { scope: "consent:read" }, success: { status: 200, description: "{ events }: every ledger event of the person (including anonymous subjects merged into theirs), oldest first — by received time, then subject and sequence" } },
  { method: "get", path: "/changes", summary: "Consent changes in commit order after a cursor (pull instead of webhooks)", schema: changesQuery, source: "query", auth: { scope: "changes:read" }, success: { status: 200, description: "{ changes: [{ cursor, id, type, subjectId, events, preferences, committedAt }], next }: ask again with after=next; a cursor never skips or repeats a change" } },
  { method: "get", path: "/signing-keys/{destinationId}", summary: "The Ed25519 public key (whpk_…) verifying a destination's v1a webhook signatures", schema: signingKeyQuery, source: "query", auth: "anonymous", pathParameters: [{ name: "destinationId", description: "The destination's id (sent with every message as the workspace's destination)", pattern: "^[0-9a-f-]{36}$" }], success: { status: 200, description: "{ destinationId, algorithm: Ed25519, signatureVersion: v1a, publicKey }" } },
  { method: "post", path: "/sms/inbound", summary: "SMS gateway webhook: opt-out keywords", schema: smsInboundBody, auth: { scope: "consent:write" }, success: { status: 200, description: "Processed" } },
  { method: "get", path: "/experiences/{publicId}/live", summary: "A live experience as one visitor sees it (region variant, language, notices): what the embed renders", schema: liveExperienceQuery, source: "query", auth: "anonymous", pathParameters: [PUBLIC_ID_PARAMETER], success: { status: 200, description: "The LiveExperience; CORS for the experience's allowed origins; Cache-Control: public, max-age=60, stale-while-revalidate=60 (a publication reaches visitors within about 2 minutes); Vary on the headers used" } },
  { method: "get", path: "/experiences/{publicId}/qr", summary: "A QR code of a live experience's hosted URL with channel, store, region and language", schema: qrCodeQuery, source: "query", auth: "anonymous", pathParameters: [PUBLIC_ID_PARAMETER], success: { status: 200, description: "The QR code image", contentTypes: ["image/svg+xml", "image/png"] } },
  { method: "get", path: "/experiences/{publicId}/embed", summary: "The live experience with its markup drawn on the server by the shared renderer: what v1.js shows", schema: liveExperienceQuery, source: "query", auth: "anonymous", pathParameters: [PUBLIC_ID_PARAMETER], success: { status: 200, description: "The LiveExperience plus markup and the embed's own words; CORS, caching and errors as /live" } },
  { method: "get", path: "/receipts/{receiptId}", summary: "A consent receipt (Kantara v1.1 fields and each ledger record's ISO/IEC TS 27560 fields)", schema: receiptQuery, source: "query", auth: "anonymous", pathParameters: [{ name: "receiptId", description: "The receipt's id (from its link or the preference centre)", pattern: "^[0-9a-f-]{36}$" }], success: { status: 200, description: "The receipt, for the holder of its token or the person's preference-centre session; otherwise 404 not_found" } },
  { method: "get", path: "/destinations", summary: "The workspace's destinations (webhooks and NATS subjects that consent changes are delivered to)", schema: noDestinationQuery, source: "query", auth: MANAGE, success: { status: 200, description: "{ destinations: [...] }, oldest first" } },
  { method: "post", path: "/destinations", summary: "Create a destination; a webhook's signing secret (whsec_…) is answered here once", schema: createDestinationBody, auth: MANAGE, success: { status: 201, description: "{ destination, signingSecret }. 422 destination_drops_withdrawals when a filter lets a purpose's grants through without its withdrawals, refusals and expiries (details.value: the missing states); 422 destination_unsafe_url for a URL that is not https or not public" } },
  { method: "get", path: "/destinations/{destinationId}", summary: "One destination", schema: noDestinationQuery, source: "query", auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: DESTINATION },
  { method: "patch", path: "/destinations/{destinationId}", summary: "Change a destination (name, URL or NATS target, filters, identifier policy, extra headers, credentials)", schema: updateDestinationBody, auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: DESTINATION },
  { method: "delete", path: "/destinations/{destinationId}", summary: "Delete a destination: nothing more is sent; its deliveries stay as proof", schema: noDestinationQuery, source: "query", auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: { status: 204, description: "Deleted", contentTypes: [] } },
  { method: "post", path: "/destinations/{destinationId}/pause", summary: "Pause a destination: deliveries wait until it is resumed", schema: noDestinationQuery, source: "query", auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: DESTINATION },
  { method: "post", path: "/destinations/{destinationId}/resume", summary: "Resume a paused or disabled destination", schema: noDestinationQuery, source: "query", auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: DESTINATION },
  { method: "post", path: "/destinations/{destinationId}/rotate-secret", summary: "A new webhook signing secret, answered once; the old one signs alongside for 24 hours", schema: noDestinationQuery, source: "query", auth: MANAGE, pathParameters: [DESTINATION_ID_PARAMETER], success: { status: 200, description: "{ destination, signingSecret }" } },
  { method: "post", path: "/double-opt-in/confirm", summary: "Confirm a double opt-in", schema: confirmDoubleOptInBody, auth: "anonymous", success: { status: 200, description: "Confirmed" } },
]);

export function GET(): Response {
  return jsonResponse(200, document, { "Cache-Control": "public, max-age=300" });
}
