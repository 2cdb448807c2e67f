import type { Database } from "@/lib/db/types";
import { decideMany } from "@/lib/consent/decisions";
import type { Decision } from "@/lib/consent/decide";
import type { Channel } from "@/lib/consent/types";
import { runApiStatement } from "./service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The decision API's one domain call, one statement (lib/consent weighs state, expiry, caps and quiet hours). */
export function decide(
  db: Database,
  workspaceId: string,
  requests: readonly { subject: { kind: string; value: string }; purpose: string; channel: string; at?: string }[],
): Promise<Decision[]> {
  const questions = requests.map((r) => ({
    subject: r.subject as { kind: "email"; value: string },
    ...(UUID.test(r.purpose) ? { purposeId: r.purpose } : { purposeKey: r.purpose }),
    channel: r.channel as Channel,
    ...(r.at ? { at: new Date(r.at) } : {}),
  }));
  return runApiStatement(db, (sql) => decideMany(sql, workspaceId, questions));
}
