import type { Catalog } from "@/lib/catalog/catalog";
import type { Sql } from "@/lib/db/types";
import type { Block } from "@/lib/experience";
import { createExperience, getExperience, saveExperienceDraft, type NewExperience } from "../experiences";

/** The address test experiences give their privacy-policy link, as a marketer gives the brand's own. */
export const TEST_PRIVACY_POLICY = "https://brand.example/privacy";

/**
 * An experience made from a template and finished as a marketer does before publishing: the
 * privacy-policy link given the brand's address (templates leave it empty: only the brand knows
 * where its policy is). Returns the experience id.
 */
export async function createFromTemplate(sql: Sql, workspaceId: string, input: NewExperience, catalog: Catalog): Promise<string> {
  const id = await createExperience(sql, workspaceId, input, catalog);
  const draft = (await getExperience(sql, workspaceId, id))!;
  const point = (blocks: Block[]): Block[] =>
    blocks.map((block) =>
      block.type === "link" && block.linkType === "privacy_policy" && block.href === ""
        ? { ...block, href: TEST_PRIVACY_POLICY }
        : "blocks" in block
          ? ({ ...block, blocks: point(block.blocks) } as Block)
          : block,
    );
  const saved = await saveExperienceDraft(sql, workspaceId, id, {
    expectedRevision: draft.revision,
    name: draft.name,
    document: { ...draft.document, blocks: point(draft.document.blocks) },
  });
  if (!saved.saved) throw new Error("createFromTemplate: the draft changed while it was being finished");
  return id;
}
