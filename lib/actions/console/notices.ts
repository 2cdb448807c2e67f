"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updatePurposeLegal } from "@/lib/catalog/purpose-legal";
import { echoFields, parseForm, type ActionResult, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { localeSchema } from "@/lib/experience";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale } from "@/lib/i18n/routing";
import { createNotice } from "@/lib/notices/notices";
import { NOTICE_KINDS, purposeLegalFieldsSchema, type NoticeDraftInput } from "@/lib/notices/schemas";
import { approveNoticeVersion, createNoticeVersion, noticeVersionProblems, rejectNoticeVersion, saveNoticeDraft, submitNoticeVersion } from "@/lib/notices/versions";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const localeOf = (form: FormData) => {
  const locale = form.get("locale");
  return isLocale(locale) ? locale : "en";
};
const versionPath = (workspaceId: string, noticeId: string, versionId: string) => `/w/${workspaceId}/notices/${noticeId}/versions/${versionId}`;

const newNoticeForm = z
  .object({
    workspaceId: workspaceIdSchema,
    name: z.string().trim().min(1).max(120),
    kind: z.enum(NOTICE_KINDS),
    sourceLocale: localeSchema,
    locales: z.array(localeSchema).min(1),
  })
  .refine((form) => form.locales.includes(form.sourceLocale), { message: "invalid_value", path: ["sourceLocale"] });

export async function createNoticeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(newNoticeForm, form, ["locales"]);
  if (!parsed.ok) return parsed;
  const { workspaceId, ...input } = parsed.data;
  const result = await actAsOperator("create-notice", (sql) => createNotice(sql, workspaceId, input));
  if (!result.ok) return { ...result, values: echoFields(form) };
  return redirect({ href: `/w/${workspaceId}/notices/${result.data}`, locale: localeOf(form) });
}

/**
 * Saves a draft from the notice editor (called with the whole draft, not a form) and says how
 * many completeness problems remain, so "Submit for review" can warn before sending an
 * incomplete version to legal.
 */
export async function saveNoticeDraftAction(input: { workspaceId: string; versionId: string; draft: NoticeDraftInput }): Promise<ActionResult<{ problems: number }>> {
  const ids = z.object({ workspaceId: workspaceIdSchema, versionId: z.guid() }).safeParse(input);
  if (!ids.success) return { ok: false, error: "invalid_input" };
  const result = await actAsOperator("save-notice-draft", async (sql) => {
    await saveNoticeDraft(sql, ids.data.workspaceId, ids.data.versionId, input.draft);
    return { problems: (await noticeVersionProblems(sql, ids.data.versionId)).length };
  });
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/notices", "layout");
  return result;
}

const versionForm = z.object({ workspaceId: workspaceIdSchema, noticeId: z.guid(), versionId: z.guid() });

function transition(label: string, run: (sql: Parameters<Parameters<typeof actAsOperator>[1]>[0], form: z.infer<typeof versionForm> & { comment?: string }) => Promise<void>) {
  return async (_previous: ActionState<{ problems?: unknown[] }>, form: FormData): Promise<ActionState<{ problems?: unknown[] }>> => {
    const parsed = parseForm(versionForm.extend({ comment: z.string().trim().max(2000).optional() }), form);
    if (!parsed.ok) return parsed;
    const result = await actAsOperator(label, (sql) => run(sql, parsed.data));
    if (!result.ok) return { ...result, values: echoFields(form) };
    revalidatePath("/[locale]/w/[workspaceId]/notices", "layout");
    return { ok: true, data: {} };
  };
}

export const submitNoticeAction = transition("submit-notice", (sql, form) => submitNoticeVersion(sql, form.versionId));
export const approveNoticeAction = transition("approve-notice", (sql, form) => approveNoticeVersion(sql, form.versionId));
export const rejectNoticeAction = transition("reject-notice", (sql, form) => rejectNoticeVersion(sql, form.versionId, form.comment ?? ""));

export async function createNoticeVersionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, noticeId: z.guid() }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("create-notice-version", (sql) => createNoticeVersion(sql, parsed.data.noticeId));
  if (!result.ok) return result;
  return redirect({ href: versionPath(parsed.data.workspaceId, parsed.data.noticeId, result.data), locale: localeOf(form) });
}

export async function updatePurposeLegalAction(input: { workspaceId: string; purposeId: string; fields: unknown }): Promise<ActionResult> {
  const ids = z.object({ workspaceId: workspaceIdSchema, purposeId: z.guid() }).safeParse(input);
  const fields = purposeLegalFieldsSchema.safeParse(input.fields);
  if (!ids.success || !fields.success) return { ok: false, error: "invalid_input" };
  const result = await actAsOperator("update-purpose-legal", (sql) => updatePurposeLegal(sql, ids.data.workspaceId, ids.data.purposeId, fields.data));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}
