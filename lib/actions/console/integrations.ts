"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { API_KEY_SCOPES, createApiKey, revokeApiKey } from "@/lib/consent/api-keys";
import { setAllowedOrigins } from "@/lib/experiences/allowed-origins";
import { allowOrigin } from "@/lib/experiences/refused-origins";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const newKeyForm = z.object({ workspaceId: workspaceIdSchema, name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1) });

/** Creates a secret API key; its value is shown once, only its hash is kept. */
export async function createApiKeyAction(_previous: ActionState<{ secret: string }>, form: FormData): Promise<ActionState<{ secret: string }>> {
  const parsed = parseForm(newKeyForm, form, ["scopes"]);
  if (!parsed.ok) return parsed;
  const { workspaceId, ...input } = parsed.data;
  const result = await actAsOperator("create-api-key", (sql) => createApiKey(sql, workspaceId, input));
  if (!result.ok) return result;
  revalidatePath("/[locale]/w/[workspaceId]/api-keys", "page");
  return { ok: true, data: { secret: result.data.secret } };
}

export async function revokeApiKeyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, keyId: z.guid() }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("revoke-api-key", (sql) => revokeApiKey(sql, parsed.data.workspaceId, parsed.data.keyId));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/api-keys", "page");
  return result;
}

/** The sites allowed to record consent with an experience's public key (one origin per line). */
export async function setAllowedOriginsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, experienceId: z.guid(), origins: z.string().max(5000) }), form);
  if (!parsed.ok) return parsed;
  const origins = parsed.data.origins.split(/\s+/).filter(Boolean);
  const result = await actAsOperator("set-allowed-origins", (sql) => setAllowedOrigins(sql, parsed.data.workspaceId, parsed.data.experienceId, origins));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/experiences", "layout");
  return result;
}

/** One click on a recently refused website: it joins the experience's allowed origins (audited like the form). */
export async function allowRefusedOriginAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, experienceId: z.guid(), origin: z.string().max(300) }), form);
  if (!parsed.ok) return parsed;
  const { workspaceId, experienceId, origin } = parsed.data;
  const result = await actAsOperator("allow-refused-origin", (sql) => allowOrigin(sql, workspaceId, experienceId, origin));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/experiences", "layout");
  return result;
}
