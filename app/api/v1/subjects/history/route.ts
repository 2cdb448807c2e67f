import { apiRoute } from "@/lib/api/handler";
import { workspaceOf } from "@/lib/api/auth";
import { subjectHistory } from "@/lib/api/ledger";
import { runAsApi } from "@/lib/api/service";
import { subjectHistoryQuery } from "./schema";

export const GET = apiRoute({
  name: "subjects.history",
  auth: { scope: "consent:read" },
  schema: subjectHistoryQuery,
  source: "query",
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const events = await runAsApi(db, (sql) => subjectHistory(sql, workspaceOf(caller), input));
    return { status: 200, body: { events } };
  },
});
