import { apiRoute } from "@/lib/api/handler";
import { workspaceOf } from "@/lib/api/auth";
import { runAsApi } from "@/lib/api/service";
import { changesAfter, changesQuery } from "@/lib/sync/changes";

/** GET /api/v1/changes?after=<cursor>&limit=<1–1000>: consent changes in commit order (lib/sync/changes.ts). */
export const GET = apiRoute({
  name: "changes",
  auth: { scope: "changes:read" },
  schema: changesQuery,
  source: "query",
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const page = await runAsApi(db, (sql) => changesAfter(sql, workspaceOf(caller), input.after, input.limit));
    return { status: 200, body: page };
  },
});
