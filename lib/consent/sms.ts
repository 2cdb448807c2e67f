import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "./database-errors";

/**
 * An inbound SMS from the gateway (service). When the text is an opt-out keyword (TD, 退订, STOP,
 * or one the workspace added; case, surrounding space and full-width forms ignored), consent by
 * SMS is withdrawn for every optional purpose the decision API would still allow by SMS (see
 * migration 20261208040100); other channels are untouched.
 */
export async function recordSmsInbound(
  sql: Sql,
  workspaceId: string,
  phone: string,
  text: string,
  receivedAt: Date,
): Promise<{ withdrawn: boolean; eventIds: string[]; subjectId: string | null }> {
  const [row] = await translatingErrors(() =>
    sql.query<{ result: { withdrawn: boolean; eventIds: string[]; subjectId: string | null } }>(
      "select public.record_sms_inbound($1, $2, $3, $4) as result",
      [workspaceId, phone, text, receivedAt.toISOString()],
    ),
  );
  return row!.result;
}
