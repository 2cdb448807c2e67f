import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requestHash } from "./fingerprint";
import type { Database } from "@/lib/db/types";
import { ApiError } from "./api-error";
import { authenticate, readCredentials, type ApiCaller, type AuthRequirement } from "./auth";
import { parseInput, readJson } from "./body";
import { callerNetwork, ownOrigins } from "./client";
import { apiDatabase } from "./context";
import { corsHeaders } from "./cors";
import { toApiError } from "./map-error";
import { pickLanguage } from "./messages";
import { countRequest, type RateLimit } from "./rate-limit";
import { errorResponse, jsonResponse } from "./respond";

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiContext<Input> {
  input: Input;
  caller: ApiCaller;
  db: Database;
  request: Request;
  requestId: string;
  /** The validated Idempotency-Key header, when the route accepts one and it was sent. */
  idempotencyKey?: string;
  /** With an idempotency key: the fingerprint of the body exactly as the client sent it (lib/api/fingerprint.ts). */
  bodyFingerprint?: string;
  network?: string;
}

export interface ApiRouteSpec<S extends z.ZodType> {
  /** Names the route in rate-limit buckets and logs: "consents", "decisions.batch" … */
  name: string;
  auth: AuthRequirement;
  /** The input schema (exported beside the route, and used for the OpenAPI document). */
  schema: S;
  /** Where the input comes from: a JSON body (default) or the query string. */
  source?: "body" | "query";
  rateLimit: RateLimit;
  idempotency?: boolean;
  handle(context: ApiContext<z.output<S>>): Promise<ApiResult>;
}

/** Printable ASCII, 1–200 characters (the header's value is echoed into evidence). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;

/**
 * THE shape of a public route: check the credentials' form (no query for a malformed key),
 * verify the key, or the public key and Origin (remembered for a few seconds,
 * lib/api/credential-cache.ts), count the request against the rate limit (in memory, added to
 * the shared counters every 50 ms, lib/api/rate-limit.ts); then read and validate the input,
 * then the route's one domain call. A busy caller's request thus costs the database only that
 * call. Every refusal is
 * `{ error: { code, message, details? } }` in the caller's language; anything unexpected is a
 * logged 500 `internal_error` carrying the request id.
 */
export function apiRoute<S extends z.ZodType>(spec: ApiRouteSpec<S>): (request: Request) => Promise<Response> {
  return async (request) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const language = pickLanguage(request.headers.get("accept-language"));
    let cors: Record<string, string> = {};
    try {
      const credentials = readCredentials(request.headers, spec.auth);
      const idempotencyKey = readIdempotencyKey(request.headers, spec.idempotency ?? false);
      const db = await apiDatabase();
      const network = callerNetwork(request.headers);
      // Auth and rate limit first: a flood of bad requests is counted, and a browser learns
      // why its request failed (CORS headers are known once its public key and Origin are).
      const caller = await authenticate(db, credentials, spec.auth, { ownOrigins: ownOrigins(request), network });
      if (caller.kind === "public") cors = corsHeaders(caller.origin);
      await countRequest(db, spec.name, caller.rateSubject, spec.rateLimit);
      const raw = spec.source === "query" ? Object.fromEntries(new URL(request.url).searchParams) : await readJson(request);
      const input = parseInput(spec.schema, raw, spec.source === "query" ? "invalid_query" : "invalid_body");
      const bodyFingerprint = idempotencyKey === undefined ? undefined : requestHash(raw);
      const result = await spec.handle({ input, caller, db, request, requestId, idempotencyKey, bodyFingerprint, network });
      return jsonResponse(result.status, result.body, { "X-Request-Id": requestId, ...cors, ...result.headers });
    } catch (error) {
      const expected = toApiError(error);
      if (expected) return errorResponse(expected, language, { "X-Request-Id": requestId, ...cors });
      console.error(`[consentry] api ${spec.name} request ${requestId} failed:`, error);
      return errorResponse(new ApiError("internal_error", { requestId }), language, { "X-Request-Id": requestId, ...cors });
    }
  };
}

function readIdempotencyKey(headers: Headers, accepted: boolean): string | undefined {
  const value = headers.get("idempotency-key");
  if (value === null || !accepted) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) throw new ApiError("invalid_idempotency_key");
  return value;
}
