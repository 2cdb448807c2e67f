import { apiRoute } from "@/lib/api/handler";
import { linkSubjects } from "@/lib/api/ledger";
import { runAsApi } from "@/lib/api/service";
import { workspaceOf } from "@/lib/api/auth";
import { linkSubjectsBody } from "./schema";

export const POST = apiRoute({
  name: "subjects.link",
  auth: { scope: "consent:write" },
  schema: linkSubjectsBody,
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ input, caller, db }) {
    const result = await runAsApi(db, (sql) => linkSubjects(sql, workspaceOf(caller), input.from, input.to));
    return { status: 200, body: result };
  },
});
