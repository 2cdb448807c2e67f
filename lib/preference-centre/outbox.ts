import type { Sql } from "@/lib/db/types";

export interface OutboundMessage {
  id: string;
  channel: "email" | "sms";
  recipientMasked: string;
  locale: string;
  subjectLine: string;
  /** The text as queued; masked once sent, used or expired. */
  body: string;
  status: "queued" | "sent" | "failed";
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  redactedAt: Date | null;
}

/** The workspace's outbound messages, newest first (owners and admins: RLS decides). */
export async function listOutboundMessages(sql: Sql, workspaceId: string, options: { limit?: number } = {}): Promise<OutboundMessage[]> {
  return sql.query<OutboundMessage>(
    `select m.id, m.channel, m.recipient_masked as "recipientMasked", m.locale, m.subject_line as "subjectLine", m.body,
            m.status, m.last_error as "lastError", m.created_at as "createdAt", m.sent_at as "sentAt", m.redacted_at as "redactedAt"
     from public.outbound_messages m
     where m.workspace_id = $1
     order by m.created_at desc
     limit $2`,
    [workspaceId, Math.min(Math.max(options.limit ?? 100, 1), 500)],
  );
}
