import { ApiError } from "@/lib/api/api-error";
import { toExpectedError } from "@/lib/errors";
import { apiRoute } from "@/lib/api/handler";
import { recordBrowserConsent, recordConsent } from "@/lib/api/ledger";
import { ownOrigins } from "@/lib/api/client";
import { preflight } from "@/lib/api/preflight";
import { noteOriginRefusal } from "@/lib/api/refused-origin";
import { runAnonStatement, runApiStatement, runAsApi } from "@/lib/api/service";
import { issueDecisionReceipt, type IssuedReceipt } from "@/lib/preference-centre/receipts";
import { sendConfirmationMessage } from "@/lib/preference-centre/confirmation-message";
import { identifierValueKept, keepIdentifierValue, noteIdentifierValueKept } from "@/lib/sync/identifiers";
import { recordConsentBody, type RecordConsentResponse } from "./schema";

export const POST = apiRoute({
  name: "consents",
  auth: { scope: "consent:write", browser: true },
  schema: recordConsentBody,
  rateLimit: { max: 600, windowSeconds: 60 },
  idempotency: true,
  async handle({ input, caller, db, idempotencyKey, bodyFingerprint, network, request }) {
    const { experience, experienceVersionId, occurredAt, context, ...rest } = input;
    const payload = {
      ...rest,
      experienceVersionId: experienceVersionId ?? null,
      ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}),
      context: {
        ...context,
        userAgent: context?.userAgent ?? request.headers.get("user-agent")?.slice(0, 512) ?? undefined,
        ...(network ? { ipTruncated: network } : {}),
      },
      // A key is the credential's own (a public key's callers get theirs from the database), and a
      // retry is compared by what the client sent, not by headers such as User-Agent.
      ...(idempotencyKey
        ? { idempotencyKey, requestFingerprint: bodyFingerprint, ...(caller.kind === "secret" ? { idempotencyScope: `secret:${caller.keyId}` } : {}) }
        : {}),
    };
    let result;
    let receipt: IssuedReceipt | null = null;
    if (caller.kind === "public") {
      if (experience && experience !== caller.publicId) throw new ApiError("experience_not_found", { value: experience });
      // The app's own hosted pages pass no origin: the SQL function then skips its origin check.
      const own = ownOrigins(request).includes(caller.origin);
      try {
        result = await runAnonStatement(db, (sql) => recordBrowserConsent(sql, { publicKey: caller.publicKey, origin: own ? null : caller.origin }, payload));
      } catch (error) {
        // The database refuses too when the origin was removed since the key was checked: noted
        // like every other refusal, for the console's "Recently refused websites".
        if (toExpectedError(error)?.code === "origin_not_allowed") await noteOriginRefusal(db, caller.publicId, caller.origin);
        throw error;
      }
      // The identifier's value is kept sealed for sync destinations, as on the server path (a
      // person's phone on a mini-program page must reach the SMS platform). Its own short
      // transaction as the service, after the recording: a failure here loses no consent, the
      // destinations are then told the identifier is hash-only.
      const { kind, value } = payload.subject;
      if (!result.replayed && !identifierValueKept(caller.workspaceId, kind, value)) {
        const workspaceId = caller.workspaceId;
        await runAsApi(db, (sql) => keepIdentifierValue(sql, workspaceId, kind, value))
          .then(() => noteIdentifierValueKept(workspaceId, kind, value))
          .catch((error: unknown) => console.error("[consentry] identifier value not kept:", (error as Error).message));
      }
      // The hosted page shows the person a receipt of what was just recorded (a replay has had one).
      if (own && !result.replayed && result.eventIds.length > 0) {
        const eventIds = result.eventIds;
        receipt = await runApiStatement(db, (sql) => issueDecisionReceipt(sql, caller.publicKey, eventIds));
      }
    } else if (caller.kind === "secret") {
      if (experience) throw new ApiError("invalid_body", { unknownFields: ["experience"] }, { fields: "experience" });
      const { kind, value } = payload.subject;
      if (identifierValueKept(caller.workspaceId, kind, value)) {
        result = await runApiStatement(db, (sql) => recordConsent(sql, { ...payload, workspaceId: caller.workspaceId }));
      } else {
        // The first recording of an identifier (in this process) also keeps its value, sealed,
        // in the same transaction, so the first message to a destination can already carry it.
        result = await runAsApi(db, async (sql) => {
          const recorded = await recordConsent(sql, { ...payload, workspaceId: caller.workspaceId });
          await keepIdentifierValue(sql, caller.workspaceId, kind, value);
          return recorded;
        });
        noteIdentifierValueKept(caller.workspaceId, kind, value);
      }
    } else {
      throw new ApiError("invalid_api_key");
    }
    // A double opt-in token proves control of the address: it never goes back to a browser; the
    // message the browser path queued carries it to the address instead.
    const { replayed, confirmationToken, confirmationMessageId, ...body } = result;
    if (confirmationMessageId) await sendConfirmationMessage(db, confirmationMessageId, new URL(request.url).origin);
    const answer: RecordConsentResponse = {
      ...body,
      receivedAt: body.receivedAt.toISOString(),
      ...(caller.kind === "secret" && confirmationToken ? { confirmationToken } : {}),
      ...(receipt ?? {}),
    };
    const headers: Record<string, string> = replayed ? { "Idempotent-Replayed": "true" } : {};
    return { status: 201, body: answer, headers };
  },
});

export const OPTIONS = preflight("POST, OPTIONS");
