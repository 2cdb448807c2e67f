import { translatingErrors } from "@/lib/consent/database-errors";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import { isUuid } from "@/lib/sync/destinations/read";

/**
 * What owners and admins do to deliveries, as themselves (the database checks the role). The
 * engine sends whatever is pending: these only make or reset deliveries and wake it.
 */

/** A dead (or retrying) delivery back to pending under the same message id. */
export async function retryDelivery(sql: Sql, deliveryId: string): Promise<void> {
  if (!isUuid(deliveryId)) throw new ExpectedError("not_found");
  await translatingErrors(() => sql.query("select public.retry_delivery($1)", [deliveryId]));
}

/** New deliveries of the destination's changes committed in [from, to), optionally of one person. */
export async function replayDeliveries(sql: Sql, destinationId: string, range: { from: Date; to: Date; subjectId?: string | null }): Promise<number> {
  const [row] = await translatingErrors(() =>
    sql.query<{ made: number }>("select public.replay_deliveries($1, $2, $3, $4) as made", [destinationId, range.from, range.to, range.subjectId ?? null]),
  );
  return row!.made;
}

/** The latest change the destination receives, sent again under a new message id: a real, signed test. */
export async function sendTestDelivery(sql: Sql, destinationId: string): Promise<string> {
  const [row] = await translatingErrors(() => sql.query<{ id: string }>("select public.send_test_delivery($1) as id", [destinationId]));
  return row!.id;
}
