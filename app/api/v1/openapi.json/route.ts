import { buildOpenApi } from "@/lib/api/openapi";
import { jsonResponse } from "@/lib/api/respond";
import { recordConsentBody } from "../consents/schema";
import { appendContactBody } from "../contacts/schema";
import { decisionBatchBody, decisionBody } from "../decisions/schema";
import { confirmDoubleOptInBody } from "../double-opt-in/confirm/schema";
import { smsInboundBody } from "../sms/inbound/schema";
import { subjectHistoryQuery } from "../subjects/history/schema";
import { linkSubjectsBody } from "../subjects/link/schema";

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate with. */
const document = buildOpenApi([
  { method: "post", path: "/consents", summary: "Record consent decisions", schema: recordConsentBody, auth: { scope: "consent:write", browser: true }, idempotent: true, success: { status: 201, description: "Recorded (or replayed)" } },
  { method: "post", path: "/decisions", summary: "May I contact this subject for this purpose on this channel?", schema: decisionBody, auth: { scope: "decisions:read" }, success: { status: 200, description: "{ allow, reason, evidence, cacheSeconds }" } },
  { method: "post", path: "/decisions/batch", summary: "Up to 500 decisions", schema: decisionBatchBody, auth: { scope: "decisions:read" }, success: { status: 200, description: "{ decisions: [...] }" } },
  { method: "post", path: "/contacts", summary: "Log a contact (frequency caps)", schema: appendContactBody, auth: { scope: "contacts:write" }, success: { status: 201, description: "Logged" } },
  { method: "post", path: "/subjects/link", summary: "Link an anonymous identifier to a known one", schema: linkSubjectsBody, auth: { scope: "consent:write" }, success: { status: 200, description: "Linked" } },
  { method: "get", path: "/subjects/history", summary: "A subject's consent history", schema: subjectHistoryQuery, source: "query", auth: { scope: "consent:read" }, success: { status: 200, description: "Events, newest first" } },
  { method: "post", path: "/sms/inbound", summary: "SMS gateway webhook: opt-out keywords", schema: smsInboundBody, auth: { scope: "consent:write" }, success: { status: 200, description: "Processed" } },
  { method: "post", path: "/double-opt-in/confirm", summary: "Confirm a double opt-in", schema: confirmDoubleOptInBody, auth: "anonymous", success: { status: 200, description: "Confirmed" } },
]);

export function GET(): Response {
  return jsonResponse(200, document, { "Cache-Control": "public, max-age=300" });
}
