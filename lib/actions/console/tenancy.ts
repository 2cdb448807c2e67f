"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { verifyAuditChain, type AuditChainReport } from "@/lib/audit/audit-log";
import { echoFields, parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { ExpectedError } from "@/lib/errors";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale } from "@/lib/i18n/routing";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/tenancy/invitations";
import { changeMemberRole, removeMember } from "@/lib/tenancy/members";
import { invitationInputSchema, workspaceIdSchema, workspaceInputSchema, workspaceRoleSchema } from "@/lib/tenancy/schemas";
import { controllerTextsFormSchema, controllerTextsFromForm } from "@/lib/tenancy/controller";
import { createWorkspace, updateControllerTexts, updateWorkspace } from "@/lib/tenancy/workspaces";

const localeOf = (form: FormData) => {
  const locale = form.get("locale");
  return isLocale(locale) ? locale : "en";
};

const workspaceScoped = z.object({ workspaceId: workspaceIdSchema });

export async function createWorkspaceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(workspaceInputSchema, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("create-workspace", (sql) => createWorkspace(sql, parsed.data));
  if (!result.ok) return { ...result, values: echoFields(form) };
  return redirect({ href: `/w/${result.data}`, locale: localeOf(form) });
}

export async function updateWorkspaceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(workspaceInputSchema.extend(workspaceScoped.shape), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("update-workspace", async (sql) => {
    if (!(await updateWorkspace(sql, parsed.data.workspaceId, parsed.data))) throw new ExpectedError("forbidden");
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]", "layout");
  return result;
}

export async function updateControllerTextsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(workspaceScoped.extend(controllerTextsFormSchema.shape), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("update-controller-texts", async (sql) => {
    const texts = controllerTextsFromForm(parsed.data);
    if (!(await updateControllerTexts(sql, parsed.data.workspaceId, texts))) throw new ExpectedError("forbidden");
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]", "layout");
  return result;
}

export async function inviteMemberAction(_previous: ActionState<{ link: string }>, form: FormData): Promise<ActionState<{ link: string }>> {
  const parsed = parseForm(invitationInputSchema.extend(workspaceScoped.shape), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("invite-member", (sql) => createInvitation(sql, parsed.data.workspaceId, parsed.data));
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]/members", "page");
  return { ok: true, data: { link: `/${localeOf(form)}/invitations/${result.data}` } };
}

const memberChange = workspaceScoped.extend({ userId: z.guid() });

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(memberChange.extend({ role: workspaceRoleSchema }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("change-role", async (sql) => {
    const { workspaceId, userId, role } = parsed.data;
    if (!(await changeMemberRole(sql, workspaceId, userId, role))) throw new ExpectedError("forbidden");
  });
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/members", "page");
  return result;
}

export async function removeMemberAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(memberChange, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("remove-member", async (sql) => {
    if (!(await removeMember(sql, parsed.data.workspaceId, parsed.data.userId))) throw new ExpectedError("forbidden");
  });
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/members", "page");
  return result;
}

export async function revokeInvitationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(workspaceScoped.extend({ invitationId: z.guid() }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("revoke-invitation", async (sql) => {
    if (!(await revokeInvitation(sql, parsed.data.workspaceId, parsed.data.invitationId))) throw new ExpectedError("forbidden");
  });
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/members", "page");
  return result;
}

export async function verifyAuditChainAction(_previous: ActionState<AuditChainReport>, form: FormData): Promise<ActionState<AuditChainReport>> {
  const parsed = parseForm(workspaceScoped, form);
  if (!parsed.ok) return parsed;
  return actAsOperator("verify-audit-chain", (sql) => verifyAuditChain(sql, parsed.data.workspaceId));
}

export async function acceptInvitationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ token: z.string().min(20).max(100) }), form);
  if (!parsed.ok) return { ok: false, error: "invitation_invalid" };
  const result = await actAsOperator("accept-invitation", (sql) => acceptInvitation(sql, parsed.data.token));
  if (!result.ok) return result;
  return redirect({ href: `/w/${result.data}`, locale: localeOf(form) });
}
