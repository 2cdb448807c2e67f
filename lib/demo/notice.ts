import { readPurposeLegal, updatePurposeLegal } from "@/lib/catalog/purpose-legal";
import { richTextFromParagraphs } from "@/lib/experience/rich-text";
import { createNotice } from "@/lib/notices/notices";
import { approveNoticeVersion, saveNoticeDraft, submitNoticeVersion } from "@/lib/notices/versions";
import { DEMO_LOCALES, DEMO_NOTICE, DEMO_PURPOSE_LEGAL } from "./content";
import type { DemoPerson } from "./people";

/**
 * The demo's notice through its real lifecycle: legal states the purposes' legal facts, the
 * owner writes the notice in three languages and submits it, legal approves it. The database
 * checks completeness (controller, contact, rights, categories, retention) and four eyes.
 */
export async function approveDemoNotice(owner: DemoPerson, legal: DemoPerson, workspaceId: string): Promise<{ noticeId: string; versionId: string }> {
  const purposes = await legal.as((sql) => readPurposeLegal(sql, workspaceId));
  const covered = purposes.filter((purpose) => purpose.key in DEMO_PURPOSE_LEGAL);
  await legal.as(async (sql) => {
    for (const purpose of covered) await updatePurposeLegal(sql, workspaceId, purpose.id, DEMO_PURPOSE_LEGAL[purpose.key]!);
  });

  const noticeId = await owner.as((sql) =>
    createNotice(sql, workspaceId, { name: DEMO_NOTICE.name, kind: "privacy_notice", sourceLocale: "en", locales: DEMO_LOCALES }),
  );
  const versionId = await owner.as(async (sql) => {
    const [version] = await sql.query<{ id: string }>("select id from public.notice_versions where notice_id = $1 and number = 1", [noticeId]);
    await saveNoticeDraft(sql, workspaceId, version!.id, {
      content: Object.fromEntries(Object.entries(DEMO_NOTICE.paragraphs).map(([locale, paragraphs]) => [locale, richTextFromParagraphs(paragraphs)])),
      changeSummary: "First version.",
      materialChange: false,
      purposeIds: covered.map((purpose) => purpose.id),
      jurisdictions: [...DEMO_NOTICE.jurisdictions],
      rightsStatement: DEMO_NOTICE.rights,
      purposeStatements: {},
    });
    await submitNoticeVersion(sql, version!.id);
    return version!.id;
  });
  await legal.as((sql) => approveNoticeVersion(sql, versionId));
  return { noticeId, versionId };
}
