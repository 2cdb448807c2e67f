import { z } from "zod";
import { invalidInput, translatingErrors } from "@/lib/consent/database-errors";
import { IDENTIFIER_KINDS, type PurposeStateAfter } from "@/lib/consent/types";
import type { Sql } from "@/lib/db/types";

/** The channels an operator records from: in person at a store, or on a call. */
export const OPERATOR_CHANNELS = ["store", "call_centre"] as const;

export const operatorConsentSchema = z.object({
  workspaceId: z.guid(),
  subjectId: z.guid(),
  /** Which of the person's identifiers they gave the operator. */
  identifierKind: z.enum(IDENTIFIER_KINDS),
  channel: z.enum(OPERATOR_CHANNELS),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35),
  regionCode: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  decisions: z
    .array(z.object({ purposeId: z.guid(), state: z.enum(["given", "refused", "withdrawn"]) }))
    .min(1)
    .max(50),
  /** The published script or page read to the person; pins the notice versions they heard. */
  experienceVersionId: z.guid().nullable().optional(),
  /** A ticket, call or receipt number. */
  reference: z.string().trim().max(200).optional(),
  userAgent: z.string().max(512).optional(),
});
export type OperatorConsentInput = z.infer<typeof operatorConsentSchema>;

export interface OperatorConsentResult {
  subjectId: string;
  eventIds: string[];
  states: PurposeStateAfter[];
}

/**
 * Records consent an operator took on the person's behalf (public.record_operator_consent):
 * expressed by `operator`, method `operator_entry`, the operator's id and email in each event's
 * context, one `consent.operator_entry` audit entry. As the caller: owners, admins and legal.
 */
export async function recordOperatorConsent(sql: Sql, input: OperatorConsentInput): Promise<OperatorConsentResult> {
  const parsed = operatorConsentSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const [row] = await translatingErrors(() =>
    sql.query<{ result: OperatorConsentResult }>("select public.record_operator_consent($1::jsonb) as result", [JSON.stringify(parsed.data)]),
  );
  const { subjectId, eventIds, states } = row!.result;
  return { subjectId, eventIds, states };
}
