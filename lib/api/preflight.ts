import { ApiError } from "./api-error";
import { ownOrigins } from "./client";
import { apiDatabase } from "./context";
import { normalizeOrigin, preflightHeaders } from "./cors";
import { pickLanguage } from "./messages";
import { errorResponse, jsonResponse } from "./respond";
import { runAsApi } from "./service";

/**
 * CORS preflight of a browser route. A preflight carries no key, so the Origin is accepted when
 * any live experience allows it (or it is the app's own); the real request then checks it
 * against its own experience.
 */
export function preflight(methods: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const language = pickLanguage(request.headers.get("accept-language"));
    const origin = normalizeOrigin(request.headers.get("origin"));
    try {
      let allowed = origin !== null && ownOrigins(request).includes(origin);
      if (!allowed && origin) {
        const db = await apiDatabase();
        const [row] = await runAsApi(db, (sql) => sql.query<{ ok: boolean }>("select private.api_origin_is_allowed($1) as ok", [origin]));
        allowed = row?.ok === true;
      }
      if (!allowed || !origin) return errorResponse(new ApiError("origin_not_allowed", { origin }), language);
      return jsonResponse(204, null, preflightHeaders(origin, methods));
    } catch (error) {
      console.error("[consentry] api preflight failed:", error);
      return errorResponse(new ApiError("internal_error"), language);
    }
  };
}
