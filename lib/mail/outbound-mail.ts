import { createTransport, type Transporter } from "nodemailer";
import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { env } from "@/lib/env";
import { absoluteLinks } from "@/lib/mail/links";

/**
 * Delivery of queued messages (public.outbound_messages): preference centre codes, double opt-in
 * confirmations and dead-letter alerts to owners and admins. Email goes out by SMTP when SMTP_URL
 * and SMTP_FROM are set; otherwise (and for SMS, until a gateway exists) a message stays queued
 * in the outbox, which owners and admins read in the console. A sent message is redacted by the
 * database at once, so a usable code is never left for an operator to read. Server code only (no
 * "server-only" marker: the `npm run worker` process sends dead-letter alerts through it too).
 */

const TRANSPORT_KEY = Symbol.for("consentry.smtp-transport");
type Holder = { [TRANSPORT_KEY]?: Transporter };

export function smtpConfigured(): boolean {
  return Boolean(env.SMTP_URL && env.SMTP_FROM);
}

function transport(): Transporter {
  const holder = globalThis as Holder;
  holder[TRANSPORT_KEY] ??= createTransport(env.SMTP_URL!);
  return holder[TRANSPORT_KEY];
}

export type DeliveryOutcome = "sent" | "failed" | "outbox_only";

/**
 * Sends one queued message. `requestOrigin` is used for links only when CONSENTRY_PUBLIC_URL is
 * unset (set it in production: a Host header is the client's to choose).
 */
export async function deliverOutboundMessage(db: Database, messageId: string, requestOrigin: string): Promise<DeliveryOutcome> {
  if (!smtpConfigured()) return "outbox_only";
  const [message] = await runAsService(db, "preference-centre-mail", (sql) =>
    sql.query<{ id: string; channel: string; recipient: string; subject_line: string; body: string }>(
      "select * from public.claim_outbound_message($1)",
      [messageId],
    ),
  );
  if (!message || message.channel !== "email") return "outbox_only";
  let error: string | null = null;
  try {
    await transport().sendMail({
      from: env.SMTP_FROM,
      to: message.recipient,
      subject: message.subject_line,
      text: absoluteLinks(message.body, env.CONSENTRY_PUBLIC_URL ?? requestOrigin),
    });
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    console.error(`[consentry] preference centre mail ${messageId} failed:`, error);
  }
  await runAsService(db, "preference-centre-mail", (sql) =>
    sql.query("select public.finish_outbound_message($1, $2, $3)", [messageId, error === null, error]),
  );
  return error === null ? "sent" : "failed";
}
