import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { deliverOutboundMessage } from "@/lib/mail/outbound-mail";

/**
 * Sends the dead-letter alerts the database queued when a delivery of `destinationId` died
 * (supabase/migrations/20261208020000_dead_letter_alerts.sql: one per owner and admin, once per
 * episode), through the mail path of the double opt-in confirmations: their link made absolute
 * on `linkBase` (CONSENTRY_PUBLIC_URL; the app's own address when the engine runs inside it),
 * then sent by SMTP when configured, else left in the console's Outbox. Without a base the link
 * stays a path, which the Outbox shows on the console's own address. Returns the message ids.
 */
export async function sendDeadLetterAlerts(db: Database, destinationId: string, linkBase: string | null): Promise<string[]> {
  const rows = await runAsService(db, "sync", (sql) =>
    sql.query<{ id: string }>("select id from public.queued_dead_letter_alerts($1) as id", [destinationId]),
  );
  for (const { id } of rows) {
    if (linkBase) {
      const base = linkBase.replace(/\/+$/, "");
      await runAsService(db, "preference-centre-mail", (sql) => sql.query("select public.set_outbound_link_base($1, $2)", [id, base]));
    }
    await deliverOutboundMessage(db, id, linkBase ?? "");
  }
  return rows.map((row) => row.id);
}
