"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addPurpose, addTopic, catalogKeySchema } from "@/lib/catalog/catalog";
import { addSmsKeyword, removeSmsKeyword, smsKeywordSchema, updatePurposeLedgerRules } from "@/lib/catalog/ledger-rules";
import { echoFields, parseForm, type ActionState } from "@/lib/console/action-result";
import { ExpectedError } from "@/lib/errors";
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

const ledgerRulesForm = z.object({
  workspaceId: workspaceIdSchema,
  purposeId: z.guid(),
  doubleOptIn: z.literal("on").optional(),
  // Blank: the consent lasts until it is withdrawn.
  consentValidDays: z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : Number(value)))
    .pipe(z.number().int().min(1).max(36_500).nullable()),
});

/** A purpose's double opt-in and consent lifetime (owners and admins: the database refuses others). */
export async function savePurposeLedgerRulesAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(ledgerRulesForm, form);
  if (!parsed.ok) return parsed;
  const { workspaceId, purposeId, doubleOptIn, consentValidDays } = parsed.data;
  const result = await actAsOperator("save-purpose-ledger-rules", async (sql) => {
    if (!(await updatePurposeLedgerRules(sql, workspaceId, purposeId, { doubleOptIn: doubleOptIn === "on", consentValidDays }))) {
      throw new ExpectedError("not_found");
    }
  });
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}

export async function addSmsKeywordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, keyword: smsKeywordSchema }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("add-sms-keyword", (sql, claims) => addSmsKeyword(sql, parsed.data.workspaceId, claims.sub, parsed.data.keyword));
  if (!result.ok) return { ...result, values: echoFields(form) };
  revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}

export async function removeSmsKeywordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(z.object({ workspaceId: workspaceIdSchema, keyword: smsKeywordSchema }), form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("remove-sms-keyword", (sql) => removeSmsKeyword(sql, parsed.data.workspaceId, parsed.data.keyword));
  if (result.ok) revalidatePath("/[locale]/w/[workspaceId]/catalog", "page");
  return result;
}
