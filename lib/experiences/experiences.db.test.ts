import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/catalog/catalog";
import { draftDocumentSchema } from "@/lib/experience";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { createExperience, createPreviewLink, getExperience, listExperiences, readPreview, saveExperienceDraft } from "./experiences";

describe.each(TEST_TARGETS)("experience drafts on $target", ({ target, skip }) => {
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

  it.skipIf(skip)("a new workspace has the standard catalog, and a template binds to it by key", async () => {
    const catalog = await fx.as("viewer", (sql) => readCatalog(sql, fx.workspaceA));
    expect(catalog.purposes.map((p) => p.key).sort()).toEqual(
      ["advertising", "analytics", "cross_border_transfer", "marketing", "necessary", "personalisation", "sensitive_data", "third_party_sharing"],
    );
    const draft = await fx.as("viewer", (sql) => getExperience(sql, fx.workspaceA, experienceId));
    expect(draftDocumentSchema.safeParse(draft?.document).success).toBe(true);
    const bound = JSON.stringify(draft?.document);
    const analytics = catalog.purposes.find((p) => p.key === "analytics")!;
    expect(bound).toContain(analytics.id);
  });

  it.skipIf(skip)("saves against the revision it started from and refuses a stale one (no silent overwrite)", async () => {
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    const edited = { ...draft.document, theme: { ...draft.document.theme, radius: 12 } };
    const first = await fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: "EU banner", document: edited }));
    expect(first).toEqual({ saved: true, revision: draft.revision + 1 });

    // A second tab still at the old revision.
    const stale = await fx.as("admin", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: "EU banner", document: draft.document }));
    expect(stale).toMatchObject({ saved: false, conflict: { revision: draft.revision + 1, updatedByEmail: fx.personas.editor.email } });
    const now = (await fx.as("viewer", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    expect(now.document.theme.radius).toBe(12);
  });

  it.skipIf(skip)("a viewer or legal member cannot save a draft, whatever revision they name", async () => {
    const draft = (await fx.as("viewer", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    for (const who of ["viewer", "legal"] as const) {
      await expect(
        fx.as(who, (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: "hijack", document: draft.document })),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await fx.as("viewer", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!.revision).toBe(draft.revision);
  });

  it.skipIf(skip)("another workspace can neither list, read nor save the draft", async () => {
    expect(await fx.as("outsider", (sql) => listExperiences(sql, fx.workspaceA))).toEqual([]);
    expect(await fx.as("outsider", (sql) => getExperience(sql, fx.workspaceA, experienceId))).toBeNull();
    const draft = (await fx.as("viewer", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    await expect(
      fx.as("outsider", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: "x", document: draft.document })),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it.skipIf(skip)("a malformed document is refused and nothing changes", async () => {
    const draft = (await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!;
    const hostile = { ...draft.document, blocks: [{ id: "x", type: "link", linkType: "custom", href: "javascript:alert(1)", label: {} }] };
    await expect(
      fx.as("editor", (sql) => saveExperienceDraft(sql, fx.workspaceA, experienceId, { expectedRevision: draft.revision, name: "x", document: hostile })),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect((await fx.as("editor", (sql) => getExperience(sql, fx.workspaceA, experienceId)))!.revision).toBe(draft.revision);
  });

  it.skipIf(skip)("a preview link shows the current draft to anyone holding it, until it expires", async () => {
    const link = await fx.as("editor", (sql) => createPreviewLink(sql, fx.workspaceA, experienceId));
    const seen = await fx.asAnon((sql) => readPreview(sql, link.token));
    expect(seen?.name).toBe("EU banner");
    expect(seen?.document.kind).toBe("banner");
    expect(await fx.asAnon((sql) => readPreview(sql, `${link.token}x`))).toBeNull();
    await t.superuser.query("update public.experience_preview_links set expires_at = now() - interval '1 second'");
    expect(await fx.asAnon((sql) => readPreview(sql, link.token))).toBeNull();
    // anon reaches drafts only through the preview function.
    await expect(fx.asAnon((sql) => sql.query("select * from public.experiences"))).rejects.toMatchObject({ code: "42501" });
  });

  it.skipIf(skip)("saves are audited by revision, without copying the document into the log", async () => {
    const rows = await fx.as("owner", (sql) =>
      sql.query<{ action: string; after: Record<string, unknown> }>("select action, after from public.audit_log where workspace_id = $1 and target_type = 'experience' order by seq", [fx.workspaceA]),
    );
    expect(rows.map((row) => row.action)).toEqual(["experience.created", "experience.updated"]);
    expect(rows[1]?.after).toHaveProperty("revision");
    expect(JSON.stringify(rows)).not.toContain('"blocks"');
  });
});
