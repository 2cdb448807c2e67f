import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/api-error";
import { callerNetwork } from "@/lib/api/client";
import { apiDatabase } from "@/lib/api/context";
import { toApiError } from "@/lib/api/map-error";
import { pickLanguage } from "@/lib/api/messages";
import { enforceRateLimit, type RateLimit } from "@/lib/api/rate-limit";
import { errorResponse } from "@/lib/api/respond";
import { runAsApi } from "@/lib/api/service";
import type { Database } from "@/lib/db/types";
import { PUBLIC_ID } from "./live";

export interface PublicEndpointContext {
  request: Request;
  db: Database;
  publicId: string;
  query: Record<string, string>;
}

/**
 * A public, credential-free GET about one live experience (the live payload, its QR code).
 * Errors are the API's `{ error: { code, message } }` in the caller's language, readable from
 * any origin (they reveal nothing); an unknown id is 404 `experience_not_found` without a query.
 *
 * Rate limits count per experience and caller network: the connection's own, or a trusted
 * proxy's word for it (lib/http/client-address.ts). On a server started without
 * scripts/socket-address.mjs the network is unknown, and every visitor would share a single
 * bucket (a flood would take the banner away from everybody), so nothing is counted then: these
 * reads are cacheable and change nothing.
 */
export function publicExperienceEndpoint(
  name: string,
  rateLimit: RateLimit,
  work: (context: PublicEndpointContext) => Promise<Response>,
): (request: Request, route: { params: Promise<{ publicId: string }> }) => Promise<Response> {
  return async (request, route) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const language = pickLanguage(request.headers.get("accept-language"));
    const headers = { "X-Request-Id": requestId, "Access-Control-Allow-Origin": "*" };
    try {
      const { publicId } = await route.params;
      if (!PUBLIC_ID.test(publicId)) throw new ApiError("experience_not_found", { value: publicId.slice(0, 40) });
      const db = await apiDatabase();
      const network = callerNetwork(request.headers);
      if (network) await runAsApi(db, (sql) => enforceRateLimit(sql, name, `${publicId}:${network}`, rateLimit));
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const response = await work({ request, db, publicId, query });
      response.headers.set("X-Request-Id", requestId);
      return response;
    } catch (error) {
      const expected = toApiError(error);
      if (expected) return errorResponse(expected, language, headers);
      console.error(`[consentry] api ${name} request ${requestId} failed:`, error);
      return errorResponse(new ApiError("internal_error", { requestId }), language, headers);
    }
  };
}
