"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { DATA_REQUEST_STATUSES } from "@/lib/preference-centre/types";
import { setDataSubjectRequestStatus } from "@/lib/preference-centre/requests";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const statusForm = z.object({
  workspaceId: workspaceIdSchema,
  requestId: z.guid(),
  status: z.enum(DATA_REQUEST_STATUSES),
  responseNote: z.string().trim().max(2000).optional(),
});

/** Moves a data subject request on (owners, admins, legal); the database stamps who and when, and audits it. */
export async function setDataRequestStatusAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(statusForm, form);
  if (!parsed.ok) return parsed;
  const { workspaceId, ...change } = parsed.data;
  const result = await actAsOperator("set-data-request-status", (sql) =>
    setDataSubjectRequestStatus(sql, workspaceId, change),
  );
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/requests", "page");
  return result;
}
