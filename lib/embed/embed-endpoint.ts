import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ApiError } from "@/lib/api/api-error";
import { pickLanguage } from "@/lib/api/messages";
import { errorResponse } from "@/lib/api/respond";
import { liveExperienceEndpoint } from "@/lib/public/live-endpoint";
import type { LiveExperience } from "@/lib/public/live-types";
import type { EmbedExperience } from "./payload";

type MarkupModule = { embedExperience(live: LiveExperience): EmbedExperience };

/** Where scripts/build-embed.mjs puts components/embed/live-markup.tsx, bundled with React. */
export const MARKUP_MODULE = "lib/embed/dist/live-markup.cjs";

let markupModule: Promise<MarkupModule> | null = null;

/**
 * The markup renderer, loaded by Node itself rather than bundled by Next: route handlers run in
 * the react-server layer, where the renderer's hooks and react-dom/server are not available.
 */
function loadMarkupModule(): Promise<MarkupModule> {
  markupModule ??= import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(process.cwd(), MARKUP_MODULE)).href
  ).then((loaded: { default?: MarkupModule } & Partial<MarkupModule>) => (loaded.embedExperience ? (loaded as MarkupModule) : loaded.default!));
  markupModule.catch(() => (markupModule = null));
  return markupModule;
}

/**
 * GET /api/v1/experiences/{publicId}/embed?region=&lang= → the live experience with its markup
 * (EmbedExperience), what v1.js draws. Exactly the live route's validation, CORS, caching and
 * errors: it is that route's answer, with the markup added when it succeeded.
 */
export async function embedExperienceEndpoint(request: Request, route: { params: Promise<{ publicId: string }> }): Promise<Response> {
  const live = await liveExperienceEndpoint(request, route);
  if (live.status !== 200) return live;
  const requestId = live.headers.get("x-request-id") ?? "";
  let body: string;
  try {
    const { embedExperience } = await loadMarkupModule();
    body = JSON.stringify(embedExperience((await live.json()) as LiveExperience));
  } catch (error) {
    // The markup module missing (the build did not run) or the renderer failing: logged, and
    // the API's own internal_error, as the live route answers on an unexpected failure.
    console.error(`[consentry] api experiences.embed request ${requestId} failed:`, error);
    const language = pickLanguage(request.headers.get("accept-language"));
    return errorResponse(new ApiError("internal_error", { requestId }), language, { "X-Request-Id": requestId, "Access-Control-Allow-Origin": "*" });
  }
  const headers = new Headers(live.headers);
  headers.delete("content-length");
  return new Response(body, { status: 200, headers });
}
