"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { IDENTIFIER_KINDS } from "@/lib/consent/types";
import { parseForm, type ActionState } from "@/lib/console/action-result";
import { actAsOperator } from "@/lib/console/operator";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale } from "@/lib/i18n/routing";
import { findPerson } from "@/lib/records/lookup";
import { OPERATOR_CHANNELS, recordOperatorConsent } from "@/lib/records/operator-entry";
import { workspaceIdSchema } from "@/lib/tenancy/schemas";

const findPersonForm = z.object({
  workspaceId: workspaceIdSchema,
  locale: z.string(),
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string().trim().min(1).max(320),
});

/**
 * Finds a person by an identifier and opens their timeline. A POST on purpose: the identifier
 * never appears in a URL, a browser history or an access log; the database compares keyed hashes.
 */
export async function findPersonAction(_previous: ActionState<{ found: false }>, form: FormData): Promise<ActionState<{ found: false }>> {
  const parsed = parseForm(findPersonForm, form);
  // Never echo the identifier back into the page.
  if (!parsed.ok) return { ok: false, error: parsed.error, fields: parsed.fields };
  const { workspaceId, locale, kind, value } = parsed.data;
  const result = await actAsOperator("find-person", (sql) => findPerson(sql, workspaceId, { kind, value }));
  if (!result.ok) return result;
  if (!result.data) return { ok: true, data: { found: false } };
  return redirect({ href: `/w/${workspaceId}/records/${result.data}`, locale: isLocale(locale) ? locale : "en" });
}

const operatorEntryForm = z.object({
  workspaceId: workspaceIdSchema,
  subjectId: z.guid(),
  identifierKind: z.enum(IDENTIFIER_KINDS),
  channel: z.enum(OPERATOR_CHANNELS),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35),
  regionCode: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/),
  experienceVersionId: z.union([z.literal("").transform(() => null), z.guid()]),
  reference: z.string().trim().max(200).optional(),
  purposeIds: z.array(z.guid()).min(1).max(50),
  state: z.enum(["given", "refused", "withdrawn"]),
});

/** Records what the person told the operator, for every purpose ticked, with one state. */
export async function recordOperatorConsentAction(_previous: ActionState<{ events: number }>, form: FormData): Promise<ActionState<{ events: number }>> {
  const parsed = parseForm(operatorEntryForm, form, ["purposeIds"]);
  if (!parsed.ok) return parsed;
  const { language, purposeIds, state, reference, ...input } = parsed.data;
  const userAgent = (await headers()).get("user-agent")?.slice(0, 512) ?? undefined;
  const result = await actAsOperator("record-operator-consent", (sql) =>
    recordOperatorConsent(sql, {
      ...input,
      locale: language,
      reference: reference || undefined,
      userAgent,
      decisions: purposeIds.map((purposeId) => ({ purposeId, state })),
    }),
  );
  if (!result.ok) return result;
  revalidatePath("/[locale]/w/[workspaceId]/records/[subjectId]", "page");
  return { ok: true, data: { events: result.data.eventIds.length } };
}
