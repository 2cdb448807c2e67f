import { apiRoute } from "@/lib/api/handler";
import { workspaceOf } from "@/lib/api/auth";
import { decide } from "@/lib/api/decide";
import { decisionBatchBody } from "../schema";

export const POST = apiRoute({
  name: "decisions.batch",
  auth: { scope: "decisions:read" },
  schema: decisionBatchBody,
  rateLimit: { max: 1200, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const decisions = await decide(db, workspaceOf(caller), input.requests);
    const cacheSeconds = Math.min(...decisions.map((d) => d.cacheSeconds));
    return { status: 200, body: { decisions }, headers: { "Cache-Control": `private, max-age=${cacheSeconds}` } };
  },
});
