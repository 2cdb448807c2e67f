import { apiRoute } from "@/lib/api/handler";
import { workspaceOf } from "@/lib/api/auth";
import { decide } from "@/lib/api/decide";
import { decisionRequest } from "./schema";

export const POST = apiRoute({
  name: "decisions",
  auth: { scope: "decisions:read" },
  schema: decisionRequest,
  rateLimit: { max: 60_000, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const [decision] = await decide(db, workspaceOf(caller), [input]);
    // The answer may be cached by the caller for as long as the decision itself says.
    return { status: 200, body: decision, headers: { "Cache-Control": `private, max-age=${decision!.cacheSeconds}` } };
  },
});
