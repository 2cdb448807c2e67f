import { readCatalog } from "@/lib/catalog/catalog";
import type { Sql } from "@/lib/db/types";
import { localize, type Block, type ExperienceDocument } from "@/lib/experience";
import { setAllowedOrigins } from "@/lib/experiences/allowed-origins";
import { createExperience, getExperience, saveExperienceDraft } from "@/lib/experiences/experiences";
import { publishExperience } from "@/lib/publishing/publish";
import { DEMO_EXPERIENCES, DEMO_LOCALES, DEMO_LOGO } from "./content";
import type { DemoPerson } from "./people";

export interface DemoExperience {
  id: string;
  publicId: string;
  versionId: string;
}

/**
 * The two live experiences, each made from a shipped template, edited as a designer would
 * (the approved notice added, the logo and privacy link pointed at pages that exist) and
 * published through the real publish checks, which pin the notice's approved version.
 */
export async function publishDemoExperiences(
  owner: DemoPerson,
  workspaceId: string,
  noticeId: string,
  allowedOrigins: string[],
): Promise<{ banner: DemoExperience; preferencePage: DemoExperience }> {
  const preferencePage = await publishFromTemplate(owner, workspaceId, DEMO_EXPERIENCES.preferencePage, "marketing_preference_centre", (document) =>
    withNoticeAfterIntro(
      {
        ...document,
        // The notice block replaces the link: the full notice is on the page itself.
        blocks: document.blocks
          .filter((block) => block.type !== "link")
          .map((block) => (block.type === "image" ? { ...block, src: DEMO_LOGO } : block)),
      },
      noticeId,
    ),
  );
  const banner = await publishFromTemplate(owner, workspaceId, DEMO_EXPERIENCES.banner, "eu_cookie_banner", (document) => ({
    ...document,
    blocks: document.blocks.map((block): Block => {
      // "Privacy policy" opens the hosted preference centre, which shows the approved notice.
      if (block.type === "link") return { ...block, href: `/p/${preferencePage.publicId}` };
      if (block.type === "preferences_layer") return { ...block, blocks: [noticeBlock(noticeId), ...block.blocks] };
      return block;
    }),
  }), allowedOrigins);
  return { banner, preferencePage };
}

async function publishFromTemplate(
  owner: DemoPerson,
  workspaceId: string,
  name: string,
  template: string,
  design: (document: ExperienceDocument) => ExperienceDocument,
  allowedOrigins: string[] = [],
): Promise<DemoExperience> {
  return owner.as(async (sql) => {
    const catalog = await readCatalog(sql, workspaceId);
    const id = await createExperience(sql, workspaceId, { name, start: { template }, locales: DEMO_LOCALES, defaultLocale: "en" }, catalog);
    const draft = (await getExperience(sql, workspaceId, id))!;
    const saved = await saveExperienceDraft(sql, workspaceId, id, { expectedRevision: draft.revision, name, document: design(draft.document) });
    if (!saved.saved) throw new Error(`demo seed: the draft of ${name} changed while it was being designed`);
    if (allowedOrigins.length > 0) await setAllowedOrigins(sql, workspaceId, id, allowedOrigins);
    const result = await publishExperience(sql, workspaceId, id, { materialChange: false });
    if (!result.published) throw new Error(`demo seed: ${name} was refused: ${JSON.stringify(result.problems)}`);
    return { id, publicId: await publicIdOf(sql, id), versionId: result.versionId };
  });
}

async function publicIdOf(sql: Sql, experienceId: string): Promise<string> {
  const [row] = await sql.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [experienceId]);
  return row!.public_id;
}

function noticeBlock(noticeId: string): Block {
  return {
    // Block ids as the server mints them for templates (lib/experiences/experiences.ts).
    id: crypto.randomUUID().slice(0, 8),
    type: "notice",
    noticeId,
    placeholder: localize({ en: "Privacy notice", "zh-CN": "隐私政策", "zh-TW": "隱私權政策" }, DEMO_LOCALES),
  };
}

/** The notice right after the page's heading and introduction, before the choices. */
function withNoticeAfterIntro(document: ExperienceDocument, noticeId: string): ExperienceDocument {
  const intro = document.blocks.findIndex((block) => block.type === "rich_text");
  const at = intro === -1 ? 0 : intro + 1;
  return { ...document, blocks: [...document.blocks.slice(0, at), noticeBlock(noticeId), ...document.blocks.slice(at)] };
}
