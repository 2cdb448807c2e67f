import type { Sql } from "@/lib/db/types";
import type { Locale } from "@/lib/experience";
import { listNotices } from "./notices";
import { renderNoticeHtml } from "./render";
import { latestVersionContent } from "./versions";

/**
 * The workspace's notices for the designer's notice block, each with its latest version
 * rendered (sanitized) per language: drafts preview the latest text; publishing will pin an
 * approved version instead.
 */
export async function noticesForDesigner(sql: Sql, workspaceId: string): Promise<{ id: string; name: string; html: Partial<Record<Locale, string>> }[]> {
  const notices = await listNotices(sql, workspaceId);
  return Promise.all(
    notices.map(async (notice) => {
      const latest = await latestVersionContent(sql, workspaceId, notice.id);
      const html: Partial<Record<Locale, string>> = {};
      for (const [locale, doc] of Object.entries(latest?.content ?? {})) if (doc) html[locale as Locale] = renderNoticeHtml(doc);
      return { id: notice.id, name: notice.name, html };
    }),
  );
}
