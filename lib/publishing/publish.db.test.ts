import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/catalog/catalog";
import { createExperience, getExperience, saveExperienceDraft } from "@/lib/experiences/experiences";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { saveRuleSetAdjustment } from "@/lib/regions/workspace-regions";
import { replaceBlock } from "@/lib/designer/tree-edits";
import { walkBlocks, type ExperienceDocument } from "@/lib/experience";
import { listPublishedVersions, publishExperience, setLiveVersion } from "./publish";

describe.each(TEST_TARGETS)("publishing on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let experienceId: string;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    experienceId = await fx.as("editor", async (sql) =>
      createExperience(sql, fx.workspaceA, { name: "EU banner", start: { template: "eu_cookie_banner" }, locales: ["en", "zh-CN"], defaultLocale: "en" }, await readCatalog(sql, fx.workspaceA)),
    );
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("publishes a compliant template as version 1, live, with its hash, and audits it", async () => {
    const result = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, experienceId, { materialChange: false }));
    expect(result).toMatchObject({ published: true, number: 1 });
    const versions = await fx.as("viewer", (sql) => listPublishedVersions(sql, fx.workspaceA, experienceId));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, live: true });
    expect(versions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await fx.as("owner", (sql) => sql.query<{ after: { version: number } }>("select after from public.audit_log where workspace_id = $1 and action = 'experience.published'", [fx.workspaceA]));
    expect(audit?.after.version).toBe(1);
  });

  it.skipIf(skip)("refuses a non-compliant draft with the list of problems, and publishes nothing", async () => {
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    // Drop the reject button from the first layer (EDPB: reject on the first layer) and untranslate the heading.
    const strip = (blocks: typeof draft.document.blocks): typeof draft.document.blocks =>
      blocks
        .filter((block) => !(block.type === "button" && block.action === "reject_all"))
        .map((block) => (block.type === "heading" ? { ...block, text: { en: block.text.en } } : "blocks" in block ? { ...block, blocks: strip(block.blocks) } : block)) as typeof draft.document.blocks;
    await fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: draft.name, document: { ...draft.document, blocks: strip(draft.document.blocks) } }));
    const result = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, experienceId, { materialChange: false }));
    expect(result.published).toBe(false);
    const codes = result.published ? [] : result.problems.map((problem) => problem.code);
    expect(codes).toContain("reject_missing");
    expect(codes).toContain("missing_translation");
    expect(await fx.as("viewer", (sql) => listPublishedVersions(sql, fx.workspaceA, experienceId))).toHaveLength(1);
  });

  it.skipIf(skip)("a notice block must point at an approved notice", async () => {
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    const [notice] = await fx.as("editor", (sql) => sql.query<{ id: string }>("select public.create_notice($1, 'Cookie notice', 'cookie_notice', 'en', '{en,zh-CN}') as id", [fx.workspaceA]));
    const restored = (await fx.as("editor", async (sql) => {
      const catalog = await readCatalog(sql, fx.workspaceA);
      const { TEMPLATES } = await import("@/lib/experience");
      return TEMPLATES.find((tpl) => tpl.id === "eu_cookie_banner")!.create({ ids: (() => { let n = 0; return () => `n${n++}`; })(), locales: ["en", "zh-CN"], defaultLocale: "en", catalog });
    }))!;
    const withNotice = { ...restored, blocks: [{ id: "notice1", type: "notice" as const, noticeId: notice!.id, placeholder: { en: "", "zh-CN": "" } }, ...restored.blocks] };
    await fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: draft.name, document: withNotice }));
    const result = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, experienceId, { materialChange: false }));
    expect(result.published ? [] : result.problems).toEqual([{ code: "notice_not_approved", blockId: "notice1", noticeId: notice!.id }]);
    // And the database refuses an unpinned notice block even if the check above were skipped.
    await expect(
      fx.as("editor", (sql) => sql.query("select public.publish_experience($1, $2::jsonb, '{}'::jsonb, false)", [experienceId, JSON.stringify(withNotice)])),
    ).rejects.toThrow(/consentry.notice_not_pinned/);
  });

  it.skipIf(skip)("rolls back to an earlier version and unpublishes; viewers and outsiders cannot", async () => {
    const versions = await fx.as("viewer", (sql) => listPublishedVersions(sql, fx.workspaceA, experienceId));
    await expect(fx.as("viewer", (sql) => setLiveVersion(sql, experienceId, null))).rejects.toThrow(/consentry.forbidden/);
    await expect(fx.as("outsider", (sql) => setLiveVersion(sql, experienceId, null))).rejects.toThrow(/consentry.forbidden/);
    await fx.as("editor", (sql) => setLiveVersion(sql, experienceId, null));
    expect((await fx.as("viewer", (sql) => listPublishedVersions(sql, fx.workspaceA, experienceId))).every((v) => !v.live)).toBe(true);
    await fx.as("editor", (sql) => setLiveVersion(sql, experienceId, versions[0]!.id));
    expect((await fx.as("viewer", (sql) => listPublishedVersions(sql, fx.workspaceA, experienceId)))[0]!.live).toBe(true);
    const actions = await fx.as("owner", (sql) => sql.query<{ action: string }>("select action from public.audit_log where workspace_id = $1 and action like 'experience.%' order by seq", [fx.workspaceA]));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["experience.published", "experience.unpublished", "experience.rolled_back"]));
  });

  it.skipIf(skip)("checks every region's variant under the workspace's rule sets, naming the regions", async () => {
    const id = await fx.as("editor", async (sql) =>
      createExperience(sql, fx.workspaceA, { name: "Regional", start: { template: "eu_cookie_banner" }, locales: ["en"], defaultLocale: "en" }, await readCatalog(sql, fx.workspaceA)),
    );
    const save = async (change: (document: ExperienceDocument) => ExperienceDocument) => {
      const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, id)))!;
      await fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, id, { expectedRevision: draft.revision, name: draft.name, document: change(draft.document) }));
    };
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, id)))!;
    const optional = walkBlocks(draft.document).find(({ block }) => block.type === "purpose_toggle" && !block.required)!.block.id;
    const tick = (document: ExperienceDocument, on: boolean): ExperienceDocument => ({
      ...document,
      blocks: replaceBlock(document.blocks, optional, (block) => ({ ...block, defaultOn: on }) as typeof block),
    });

    await save((document) => tick(document, true));
    const refused = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, id, { materialChange: false }));
    expect(refused).toEqual({ published: false, problems: [{ code: "purpose_default_on", blockId: optional, regions: ["CN", "EU", "HK", "DEFAULT"] }] });

    // Hong Kong keeps its floor (PDPO Part 6A); the workspace's own default region has none: one region fewer.
    await expect(fx.as("admin", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "HK", { noPreTicked: false }))).rejects.toMatchObject({ code: "region_rule_below_floor" });
    await fx.as("admin", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "DEFAULT", { noPreTicked: false }));
    const fewer = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, id, { materialChange: false }));
    expect(fewer.published ? [] : fewer.problems).toEqual([{ code: "purpose_default_on", blockId: optional, regions: ["CN", "EU", "HK"] }]);

    // Ticked only in California's variant: publishable.
    await save((document) => ({ ...tick(document, false), variants: { "US-CA": { defaultOn: { [optional]: true } } } }));
    expect(await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, id, { materialChange: false }))).toMatchObject({ published: true, number: 1 });
  });

  it.skipIf(skip)("anyone can read the live version by public id, nothing else", async () => {
    const [{ public_id }] = (await fx.as("viewer", (sql) => sql.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [experienceId]))) as [{ public_id: string }];
    const [live] = await fx.asAnon((sql) => sql.query<{ number: number; kind: string }>("select number, kind from public.live_experience($1)", [public_id]));
    expect(live).toMatchObject({ number: 1, kind: "banner" });
    expect(await fx.asAnon((sql) => sql.query("select * from public.live_experience('x00000000000000000000')"))).toEqual([]);
    await expect(fx.asAnon((sql) => sql.query("select * from public.experience_versions"))).rejects.toMatchObject({ code: "42501" });
  });

  it.skipIf(skip)("translations marked as possibly out of date do not stop publishing, and the published document does not carry the marks", async () => {
    const id = await fx.as("editor", async (sql) =>
      createExperience(sql, fx.workspaceA, { name: "Marked banner", start: { template: "eu_cookie_banner" }, locales: ["en", "zh-CN"], defaultLocale: "en" }, await readCatalog(sql, fx.workspaceA)),
    );
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, id)))!;
    const heading = walkBlocks(draft.document).find(({ block }) => block.type === "heading")!.block;
    const marked: ExperienceDocument = { ...draft.document, outdatedTranslations: { [heading.id]: { text: ["zh-CN"] } } };
    await fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, id, { expectedRevision: draft.revision, name: draft.name, document: marked }));
    expect((await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, id)))!.document.outdatedTranslations).toEqual({ [heading.id]: { text: ["zh-CN"] } });
    const result = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, id, { materialChange: false }));
    expect(result).toMatchObject({ published: true, number: 1 });
    const [version] = await fx.as("viewer", (sql) => sql.query<{ document: Record<string, unknown> }>("select document from public.experience_versions where experience_id = $1", [id]));
    expect(version!.document).not.toHaveProperty("outdatedTranslations");
    expect(version!.document.blocks).toEqual(marked.blocks);
  });
});
