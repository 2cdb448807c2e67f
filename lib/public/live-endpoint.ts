import "server-only";
import { ApiError } from "@/lib/api/api-error";
import { parseInput } from "@/lib/api/body";
import { ownOrigins, requestPublicOrigin } from "@/lib/api/client";
import { corsHeaders, isOriginAllowed, normalizeOrigin } from "@/lib/api/cors";
import { jsonResponse } from "@/lib/api/respond";
import { noteOriginRefusal } from "@/lib/api/refused-origin";
import { runAsAnon } from "@/lib/api/service";
import { env } from "@/lib/env";
import { liveExperienceQuery } from "./hosted-params";
import { uiLocaleFor } from "./hosted-url";
import { readLiveExperience } from "./live";
import { withNoticePages } from "./live-notices";
import { publicExperienceEndpoint } from "./public-endpoint";

/** Every request header the answer depends on: a shared cache must key on all of them. */
const VARY = ["Origin", "Accept-Language", "Sec-GPC", ...env.CONSENTRY_GEO_HEADERS, ...env.CONSENTRY_GEO_SUBDIVISION_HEADERS].join(", ");

/**
 * GET /api/v1/experiences/{publicId}/live?region=&lang= → the LiveExperience the embed renders.
 * Readable by the experience's allowed origins (CORS) and the app's own; cached briefly, so a
 * new publication or an unpublish reaches every visitor within a minute. A browser on any other
 * site gets 403 origin_not_allowed, readable (so the embed can say which origin to allow), and
 * the origin is noted for the console's "recently refused" list.
 */
export const liveExperienceEndpoint = publicExperienceEndpoint("experiences.live", { max: 300, windowSeconds: 60 }, async ({ request, db, publicId, query }) => {
  const { region, lang } = parseInput(liveExperienceQuery, query, "invalid_query");
  const loaded = await runAsAnon(db, (sql) => readLiveExperience(sql, publicId, { headers: request.headers, regionParam: region, lang }));
  if (!loaded) throw new ApiError("experience_not_found", { value: publicId });
  const origin = normalizeOrigin(request.headers.get("origin"));
  if (origin && !isOriginAllowed(origin, loaded.allowedOrigins, ownOrigins(request))) {
    await noteOriginRefusal(db, publicId, origin);
    throw new ApiError("origin_not_allowed", { origin });
  }
  const cors = origin ? corsHeaders(origin) : {};
  // The embed draws the experience on the customer's site: a privacy-policy link that leads to
  // the notice's page needs the app's own origin, as on the hosted page it needs none.
  const experience = loaded.experience;
  const notices = withNoticePages(experience.notices, publicId, uiLocaleFor(experience.locale), { ...(region ? { region } : {}), lang: experience.locale }, requestPublicOrigin(request));
  return jsonResponse(200, { ...experience, notices }, {
    ...cors,
    "Cache-Control": "public, max-age=60, stale-while-revalidate=60",
    Vary: VARY,
    "Content-Language": loaded.experience.locale,
  });
});
