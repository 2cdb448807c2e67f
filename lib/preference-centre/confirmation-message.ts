import "server-only";
import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { env } from "@/lib/env";
import { deliverOutboundMessage } from "./mailer";

/**
 * The double opt-in message a browser-started recording queued (public.record_browser_consent):
 * its link made absolute on CONSENTRY_PUBLIC_URL, else `requestOrigin` (the API's own origin as
 * the request reached it, never the embedding site's), then sent by SMTP when configured. Without
 * SMTP (and for SMS) it waits in the console's Outbox. The base URL is set by the server as the
 * service: a browser must never choose where a message to somebody else's address points.
 */
export async function sendConfirmationMessage(db: Database, messageId: string, requestOrigin: string): Promise<void> {
  const base = (env.CONSENTRY_PUBLIC_URL ?? requestOrigin).replace(/\/+$/, "");
  await runAsService(db, "preference-centre-mail", (sql) => sql.query("select public.set_outbound_link_base($1, $2)", [messageId, base]));
  await deliverOutboundMessage(db, messageId, base);
}
