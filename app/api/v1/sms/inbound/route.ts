import { apiRoute } from "@/lib/api/handler";
import { recordSmsInbound } from "@/lib/api/ledger";
import { runApiStatement } from "@/lib/api/service";
import { workspaceOf } from "@/lib/api/auth";
import { smsInboundBody } from "./schema";

/** The SMS gateway's webhook, authenticated with a workspace key that may write consent. */
export const POST = apiRoute({
  name: "sms.inbound",
  auth: { scope: "consent:write" },
  schema: smsInboundBody,
  rateLimit: { max: 1200, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
    const result = await runApiStatement(db, (sql) => recordSmsInbound(sql, workspaceOf(caller), input.phone, input.text, receivedAt));
    return { status: 200, body: result };
  },
});
