import { apiRoute } from "@/lib/api/handler";
import { confirmDoubleOptIn } from "@/lib/api/ledger";
import { preflight } from "@/lib/api/preflight";
import { runAnonStatement } from "@/lib/api/service";
import { confirmDoubleOptInBody } from "./schema";

/** Anyone holding the token (it is the secret) confirms; limited per network. */
export const POST = apiRoute({
  name: "double-opt-in.confirm",
  auth: "anonymous",
  schema: confirmDoubleOptInBody,
  rateLimit: { max: 30, windowSeconds: 60 },
  async handle({ input, db, network, request }) {
    const context = { ...(network ? { ipTruncated: network } : {}), userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? undefined };
    const result = await runAnonStatement(db, (sql) => confirmDoubleOptIn(sql, input.token, context));
    return { status: 200, body: result };
  },
});

export const OPTIONS = preflight("POST, OPTIONS");
