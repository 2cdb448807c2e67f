import { readCatalog } from "@/lib/catalog/catalog";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import {
  applyVariant,
  mergeRegionalProblems,
  regionalPublishProblems,
  walkBlocks,
  type ExperienceDocument,
  type Locale,
  type PublishProblem,
  type RegionCode,
} from "@/lib/experience";
import { getExperience } from "@/lib/experiences/experiences";
import { lastApprovedVersion } from "@/lib/notices/versions";
import { readWorkspaceRegions } from "@/lib/regions/workspace-regions";

/** Problems that need the database to find: the notices a notice block points at. */
export type NoticeProblem =
  | { code: "notice_not_approved"; blockId: string; noticeId: string }
  | { code: "notice_translation_missing"; blockId: string; noticeId: string; locale: Locale; regions?: RegionCode[] };

export type PublishResult = { published: true; versionId: string; number: number } | { published: false; problems: (PublishProblem | NoticeProblem)[] };

/**
 * Publishes the experience's current draft: the strict rules of the experience document for
 * every region (its variant under the workspace's rule set for it; see regionalPublishProblems),
 * then every notice block pinned to its notice's last approved version, complete in every
 * language a region shows it in. Nothing is published while any problem remains. The database
 * checks the pins and the caller's role again (public.publish_experience).
 */
export async function publishExperience(
  sql: Sql,
  workspaceId: string,
  experienceId: string,
  options: { materialChange: boolean },
): Promise<PublishResult> {
  const draft = await getExperience(sql, workspaceId, experienceId);
  if (!draft) throw new ExpectedError("not_found");
  const { problems, pins } = await publishCheck(sql, workspaceId, draft.document);
  if (problems.length > 0) return { published: false, problems };

  // "May be out of date" marks are the editors' notes on the draft, not part of what people see.
  const { outdatedTranslations: _marks, ...document } = draft.document;
  const [published] = await sql.query<{ id: string }>("select public.publish_experience($1, $2::jsonb, $3::jsonb, $4) as id", [
    experienceId,
    JSON.stringify(document),
    JSON.stringify(pins),
    options.materialChange,
  ]);
  const [version] = await sql.query<{ number: number }>("select number from public.experience_versions where id = $1", [published!.id]);
  return { published: true, versionId: published!.id, number: version!.number };
}

/**
 * What keeps a draft from being published (nothing: it may be), and the approved notice version
 * each notice block would be pinned to. Also asked by the overview's "Waiting for you" list.
 */
export async function publishCheck(
  sql: Sql,
  workspaceId: string,
  document: ExperienceDocument,
): Promise<{ problems: (PublishProblem | NoticeProblem)[]; pins: Record<string, string> }> {
  // Each purpose carries its need for separate consent (PIPL 23/25/29/39, GDPR Art. 9).
  const catalog = await readCatalog(sql, workspaceId);
  const { ruleSets } = await readWorkspaceRegions(sql, workspaceId);
  const problems: (PublishProblem | NoticeProblem)[] = [...regionalPublishProblems(document, catalog, ruleSets)];

  const pins: Record<string, string> = {};
  const translations: { region: RegionCode; problems: NoticeProblem[] }[] = ruleSets.map((rules) => ({ region: rules.code, problems: [] }));
  for (const { block } of walkBlocks(document)) {
    if (block.type !== "notice" || !block.noticeId) continue;
    const approved = await lastApprovedVersion(sql, workspaceId, block.noticeId);
    if (!approved) {
      problems.push({ code: "notice_not_approved", blockId: block.id, noticeId: block.noticeId });
      continue;
    }
    // Each region needs the notice in the languages it offers, where it shows the notice at all.
    for (const entry of translations) {
      const effective = applyVariant(document, entry.region);
      if (!walkBlocks(effective).some((visit) => visit.block.id === block.id)) continue;
      for (const locale of effective.locales) {
        if (!approved.content[locale]) entry.problems.push({ code: "notice_translation_missing", blockId: block.id, noticeId: block.noticeId, locale });
      }
    }
    pins[block.noticeId] = approved.id;
  }
  problems.push(...mergeRegionalProblems(translations));
  return { problems, pins };
}

export interface PublishedVersion {
  id: string;
  number: number;
  publishedAt: Date;
  publishedByEmail: string | null;
  materialChange: boolean;
  contentHash: string;
  live: boolean;
}

export function listPublishedVersions(sql: Sql, workspaceId: string, experienceId: string): Promise<PublishedVersion[]> {
  return sql.query<PublishedVersion>(
    `select v.id, v.number, v.published_at as "publishedAt", p.email as "publishedByEmail", v.material_change as "materialChange",
            v.content_hash as "contentHash", (e.live_version_id = v.id) as live
     from public.experience_versions v
     join public.experiences e on e.id = v.experience_id
     left join public.profiles p on p.id = v.published_by
     where v.workspace_id = $1 and v.experience_id = $2
     order by v.number desc`,
    [workspaceId, experienceId],
  );
}

/** Rolls back to an earlier published version, or unpublishes with `null`. */
export async function setLiveVersion(sql: Sql, experienceId: string, versionId: string | null): Promise<void> {
  await sql.query("select public.set_live_experience_version($1, $2)", [experienceId, versionId]);
}
