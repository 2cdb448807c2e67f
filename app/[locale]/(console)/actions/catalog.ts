"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addPurpose, addTopic, catalogKeySchema } from "@/lib/catalog/catalog";
import { echoFields, parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

// Names arrive as name_en, name_zh-CN, name_zh-TW form fields.
const catalogForm = z
  .object({
    workspaceId: workspaceIdSchema,
    key: catalogKeySchema,
    name_en: z.string().trim().max(200).default(""),
    "name_zh-CN": z.string().trim().max(200).default(""),
    "name_zh-TW": z.string().trim().max(200).default(""),
    necessary: z.literal("on").optional(),
  })
  .refine((form) => form.name_en || form["name_zh-CN"] || form["name_zh-TW"], { message: "too_small", path: ["name_en"] })
  .transform((form) => ({
    workspaceId: form.workspaceId,
    key: form.key,
    necessary: form.necessary === "on",
    name: Object.fromEntries(
      ([["en", form.name_en], ["zh-CN", form["name_zh-CN"]], ["zh-TW", form["name_zh-TW"]]] as const).filter(([, value]) => value !== ""),
    ),
  }));

export async function addPurposeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(catalogForm, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("add-purpose", async (sql) => {
    await addPurpose(sql, parsed.data.workspaceId, parsed.data);
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}

export async function addTopicAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(catalogForm, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("add-topic", async (sql) => {
    await addTopic(sql, parsed.data.workspaceId, parsed.data);
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}
