import { apiRoute } from "@/lib/api/handler";
import { linkSubjects } from "@/lib/api/ledger";
import { runAsApi } from "@/lib/api/service";
import { workspaceOf } from "@/lib/api/auth";
import { sendConfirmationMessage } from "@/lib/preference-centre/confirmation-message";
import { linkSubjectsBody } from "./schema";

export const POST = apiRoute({
  name: "subjects.link",
  auth: { scope: "consent:write" },
  schema: linkSubjectsBody,
  rateLimit: { max: 600, windowSeconds: 60 },
  async handle({ input, caller, db, request }) {
    const { subjectId, confirmationMessageId } = await runAsApi(db, (sql) => linkSubjects(sql, workspaceOf(caller), input.from, input.to));
    // Linking never grants what the address did not confirm: it is asked to, by the message queued.
    if (confirmationMessageId) await sendConfirmationMessage(db, confirmationMessageId, new URL(request.url).origin);
    return { status: 200, body: { subjectId } };
  },
});
