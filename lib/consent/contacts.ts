import type { Sql } from "@/lib/db/types";
import { translatingErrors } from "./database-errors";
import type { Channel, SubjectRef } from "./types";

export interface ContactInput {
  subject: SubjectRef;
  channel: Channel;
  purposeId: string;
  contactedAt: Date;
  /** The sender's message id: a retried append with the same id counts once. */
  externalId?: string;
}

/** Appends a contact made (service, scope contacts:write); counted for frequency caps. */
export async function appendContact(sql: Sql, workspaceId: string, contact: ContactInput): Promise<{ id: number | null }> {
  const [row] = await translatingErrors(() =>
    sql.query<{ id: number | null }>("select public.append_contact($1, $2, $3, $4, $5, $6, $7) as id", [
      workspaceId,
      contact.subject.kind,
      contact.subject.value,
      contact.channel,
      contact.purposeId,
      contact.contactedAt.toISOString(),
      contact.externalId ?? null,
    ]),
  );
  return { id: row?.id ?? null };
}
