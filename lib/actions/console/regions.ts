"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { echoFields, parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { CONSENT_MODELS, regionCodeSchema } from "@/lib/regions/rule-set";
import { AdjustmentRefused, resetRuleSet, saveRuleSetAdjustment, setDefaultRegion } from "@/lib/regions/workspace-regions";
import { SUPPORTED_CONTENT_LOCALES } from "@/lib/experience";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const REGIONS_PAGE = "/[locale]/w/[workspaceId]/regions";
// Checkbox groups arrive as repeated fields; echoFields keeps one value per name.
const echoRuleSet = (form: FormData) => ({ ...echoFields(form), offeredLocales: form.getAll("offeredLocales").join(",") });
const checkbox = z.literal("on").optional().transform((value) => value === "on");
const wholeNumber = z.coerce.number().int();

// The form posts every adjustable field; lib/regions checks the result against the law's floor.
const ruleSetForm = z.object({
  workspaceId: workspaceIdSchema,
  region: regionCodeSchema,
  consentModel: z.enum(CONSENT_MODELS),
  rejectOnFirstLayer: checkbox,
  noPreTicked: checkbox,
  separateConsent: checkbox,
  gpc: z.enum(["opt_out_sale_sharing", "not_applicable"]),
  ageOfConsent: wholeNumber,
  defaultLocale: z.enum(SUPPORTED_CONTENT_LOCALES),
  offeredLocales: z.array(z.enum(SUPPORTED_CONTENT_LOCALES)),
  reaskAfterDays: wholeNumber,
  countries: z
    .string()
    .max(2000)
    .transform((text) => text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean)),
});

/** Saves a region's adjusted rules; refusals come back per field (below the law's floor, …). */
export async function saveRuleSetAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(ruleSetForm, form, ["offeredLocales"]);
  if (!parsed.ok) return { ...parsed, values: echoRuleSet(form) };
  const { workspaceId, region, ...adjustment } = parsed.data;
  const result = await actAsOperator("save-region-rules", async (sql) => {
    try {
      await saveRuleSetAdjustment(sql, workspaceId, region, adjustment);
      return null;
    } catch (error) {
      if (error instanceof AdjustmentRefused) return error;
      throw error;
    }
  });
  if (result.ok && result.data) {
    const fields = Object.fromEntries(result.data.problems.map((problem) => [problem.field, problem.code]));
    return { ok: false, error: result.data.code, fields, values: echoRuleSet(form) };
  }
  if (!result.ok) return { ...result, values: echoRuleSet(form) };
  revalidatePath(REGIONS_PAGE, "page");
  return { ok: true, data: undefined };
}

const regionForm = z.object({ workspaceId: workspaceIdSchema, region: regionCodeSchema });

/** Back to the built-in preset. */
export async function resetRuleSetAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(regionForm, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("reset-region-rules", (sql) => resetRuleSet(sql, parsed.data.workspaceId, parsed.data.region));
  if (result.ok) revalidatePath(REGIONS_PAGE, "page");
  return result;
}

/** The region a visitor gets when nothing else tells. */
export async function setDefaultRegionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(regionForm, form);
  if (!parsed.ok) return parsed;
  const result = await actAsOperator("set-default-region", (sql) => setDefaultRegion(sql, parsed.data.workspaceId, parsed.data.region));
  if (result.ok) revalidatePath(REGIONS_PAGE, "page");
  return result;
}
