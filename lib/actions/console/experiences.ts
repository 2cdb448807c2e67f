"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { readCatalog } from "@/lib/catalog/catalog";
import { echoFields, parseForm, type ActionResult, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { EXPERIENCE_KINDS, SUPPORTED_CONTENT_LOCALES, TEMPLATES } from "@/lib/experience";
import { createExperience, createPreviewLink, saveExperienceDraft, type SaveDraftResult } from "@/lib/experiences/experiences";
import { redirect } from "@/lib/i18n/navigation";
import { publishExperience, setLiveVersion, type PublishResult } from "@/lib/publishing/publish";
import { isLocale } from "@/lib/i18n/routing";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const contentLocale = z.enum(SUPPORTED_CONTENT_LOCALES);

const newExperienceForm = z
  .object({
    workspaceId: workspaceIdSchema,
    name: z.string().trim().min(1).max(120),
    start: z.string().min(1).max(60),
    locales: z.array(contentLocale).min(1),
    defaultLocale: contentLocale,
  })
  .refine((form) => form.locales.includes(form.defaultLocale), { message: "invalid_value", path: ["defaultLocale"] });

export async function createExperienceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(newExperienceForm, form, ["locales"]);
  if (!parsed.ok) return parsed;
  const { workspaceId, name, start, locales, defaultLocale } = parsed.data;
  const startFrom = TEMPLATES.some((template) => template.id === start)
    ? { template: start }
    : (EXPERIENCE_KINDS as readonly string[]).includes(start)
      ? { kind: start as (typeof EXPERIENCE_KINDS)[number] }
      : null;
  if (!startFrom) return { ok: false, error: "invalid_input", fields: { start: "invalid_value" } };
  const result = await actAsOperator("create-experience", async (sql) =>
    createExperience(sql, workspaceId, { name, start: startFrom, locales, defaultLocale }, await readCatalog(sql, workspaceId)),
  );
  if (!result.ok) return { ...result, values: echoFields(form) };
  const locale = form.get("locale");
  return redirect({ href: `/w/${workspaceId}/design/${result.data}`, locale: isLocale(locale) ? locale : "en" });
}

const draftInput = z.object({
  workspaceId: workspaceIdSchema,
  experienceId: z.guid(),
  expectedRevision: z.number().int().positive(),
  name: z.string().trim().min(1).max(120),
  document: z.unknown(),
});

/** Autosave: refused with a conflict when someone saved since the designer loaded. */
export async function saveDraftAction(input: z.input<typeof draftInput>): Promise<ActionResult<SaveDraftResult>> {
  const parsed = draftInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  const { workspaceId, experienceId, ...draft } = parsed.data;
  return actAsOperator("save-draft", (sql) => saveExperienceDraft(sql, workspaceId, experienceId, draft));
}

export async function createPreviewLinkAction(input: { workspaceId: string; experienceId: string }): Promise<ActionResult<{ path: string; expiresAt: string }>> {
  const parsed = z.object({ workspaceId: workspaceIdSchema, experienceId: z.guid() }).safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input" };
  return actAsOperator("create-preview-link", async (sql) => {
    const link = await createPreviewLink(sql, parsed.data.workspaceId, parsed.data.experienceId);
    return { path: `/preview/${link.token}`, expiresAt: link.expiresAt.toISOString() };
  });
}

const publishForm = z.object({ workspaceId: workspaceIdSchema, experienceId: z.guid(), materialChange: z.literal("on").optional() });

export async function publishAction(_previous: ActionState<PublishResult>, form: FormData): Promise<ActionState<PublishResult>> {
  const parsed = parseForm(publishForm, form);
  if (!parsed.ok) return parsed;
  const { workspaceId, experienceId, materialChange } = parsed.data;
  const result = await actAsOperator("publish-experience", (sql) => publishExperience(sql, workspaceId, experienceId, { materialChange: materialChange === "on" }));
  if (result.ok && result.data.published) revalidatePath("/[locale]/w/[workspaceId]/experiences", "layout");
  return result;
}

const liveForm = z.object({ workspaceId: workspaceIdSchema, experienceId: z.guid(), versionId: z.union([z.guid(), z.literal("")]) });

/** Rollback (an earlier version) or unpublish (no version). */
export async function setLiveVersionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(liveForm, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("set-live-version", (sql) => setLiveVersion(sql, parsed.data.experienceId, parsed.data.versionId || null));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/experiences", "layout");
  return result;
}
