import { apiRoute } from "@/lib/api/handler";
import { appendContact } from "@/lib/api/ledger";
import { runApiStatement } from "@/lib/api/service";
import { workspaceOf } from "@/lib/api/auth";
import { appendContactBody } from "./schema";

export const POST = apiRoute({
  name: "contacts",
  auth: { scope: "contacts:write" },
  schema: appendContactBody,
  rateLimit: { max: 6000, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const result = await runApiStatement(db, (sql) => appendContact(sql, workspaceOf(caller), { ...input, contactedAt: new Date(input.contactedAt) }));
    return { status: 201, body: { contactId: result.id, duplicate: result.id === null } };
  },
});
