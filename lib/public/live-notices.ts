import "server-only";
import type { RendererNotice } from "@/lib/renderer-model/types";
import type { Sql } from "@/lib/db/types";
import type { ContentLocale, RichTextDoc } from "@/lib/experience";
import { renderNoticeContent } from "@/lib/notices/render";
import { hostedQuery, type HostedParams } from "./hosted-url";

// Approved notice versions never change (the database refuses it), so their rendered HTML can be
// kept: per version and language, bounded, dropped oldest first. A second instance simply
// renders again; nothing depends on this cache.
const MAX_CACHED = 500;
const rendered = new Map<string, string>();

function renderOnce(versionId: string, content: Partial<Record<ContentLocale, RichTextDoc>>, locale: ContentLocale, fallback: ContentLocale): string {
  const key = `${versionId}:${locale}:${fallback}`;
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  const html = renderNoticeContent(content, locale, fallback);
  if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, html);
  return html;
}

/**
 * The approved notice versions the live version pins, rendered (sanitized) in `locale`, else in
 * the document's default language, keyed by notice id.
 */
export async function readLiveNotices(sql: Sql, publicId: string, locale: ContentLocale, fallback: ContentLocale): Promise<Record<string, RendererNotice>> {
  const rows = await sql.query<{ notice_id: string; version_id: string; content: Partial<Record<ContentLocale, RichTextDoc>> }>(
    "select notice_id, version_id, content from public.live_notice_versions($1)",
    [publicId],
  );
  return Object.fromEntries(rows.map((row) => [row.notice_id, { html: renderOnce(row.version_id, row.content, locale, fallback) }]));
}

export interface LiveNoticeName {
  noticeId: string;
  versionId: string;
  name: string;
  number: number;
}

/** The name and version number of each notice version the live version pins (anon; a notice's public page heads with them). */
export async function readLiveNoticeNames(sql: Sql, publicId: string): Promise<LiveNoticeName[]> {
  const rows = await sql.query<{ notice_id: string; version_id: string; name: string; number: number }>(
    "select notice_id, version_id, name, number from public.live_notice_names($1)",
    [publicId],
  );
  return rows.map((row) => ({ noticeId: row.notice_id, versionId: row.version_id, name: row.name, number: Number(row.number) }));
}

/**
 * The notices with the address of each one's public page (on this app, in the page's language,
 * with the hosted page's parameters so "back" returns to the same region and language): a
 * privacy-policy link without an address of its own leads there.
 */
export function withNoticePages(notices: Record<string, RendererNotice>, publicId: string, uiLocale: string, params: HostedParams): Record<string, RendererNotice> {
  const query = hostedQuery(params);
  return Object.fromEntries(Object.entries(notices).map(([noticeId, notice]) => [noticeId, { ...notice, href: `/${uiLocale}/p/${publicId}/notices/${noticeId}${query}` }]));
}
