import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExperience } from "@/lib/experiences/experiences";
import { readCatalog } from "@/lib/catalog/catalog";
import { publishExperience, setLiveVersion } from "@/lib/publishing/publish";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { buildTenancyFixture, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { REGION_PRESETS } from "./presets";
import { ruleSetFor } from "./effective";
import { readLiveRegionRules, readWorkspaceRegions, resetRuleSet, saveRuleSetAdjustment, setDefaultRegion } from "./workspace-regions";

describe.each(TEST_TARGETS)("workspace regions on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("a new workspace uses the presets and the DEFAULT region", async () => {
    const regions = await fx.as("viewer", (sql) => readWorkspaceRegions(sql, fx.workspaceA));
    expect(regions).toEqual({ ruleSets: Object.values(REGION_PRESETS), defaultRegion: "DEFAULT", overrides: {} });
  });

  it.skipIf(skip)("an admin adjusts a rule set: members see it, the preset stays for other workspaces, the audit log has it", async () => {
    const saved = await fx.as("admin", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "EU", { ageOfConsent: 14, reaskAfterDays: 180 }));
    expect(saved).toMatchObject({ code: "EU", ageOfConsent: 14, reaskAfterDays: 180, noPreTicked: true });
    const regions = await fx.as("viewer", (sql) => readWorkspaceRegions(sql, fx.workspaceA));
    expect(regions.overrides).toEqual({ EU: { ageOfConsent: 14, reaskAfterDays: 180 } });
    expect(ruleSetFor(regions.ruleSets, "EU")).toEqual({ ...REGION_PRESETS.EU, ageOfConsent: 14, reaskAfterDays: 180 });
    const other = await fx.as("outsider", (sql) => readWorkspaceRegions(sql, fx.workspaceB));
    expect(ruleSetFor(other.ruleSets, "EU")).toEqual(REGION_PRESETS.EU);
    // The outsider cannot see A's adjustments: A looks like presets to them.
    expect((await fx.as("outsider", (sql) => readWorkspaceRegions(sql, fx.workspaceA))).overrides).toEqual({});

    await fx.as("owner", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "EU", { ageOfConsent: 15 }));
    const audit = await fx.as("owner", (sql) =>
      sql.query<{ action: string; target_id: string; after: { rules?: unknown } }>(
        "select action, target_id, after from public.audit_log where workspace_id = $1 and target_type = 'region_rule_set' order by seq",
        [fx.workspaceA],
      ),
    );
    expect(audit.map((row) => [row.action, row.target_id])).toEqual([["region_rule_set.created", "EU"], ["region_rule_set.updated", "EU"]]);
    expect(audit[1]!.after.rules).toEqual({ ageOfConsent: 15 });
  });

  it.skipIf(skip)("refuses an adjustment below the law's floor, in the app and in the database", async () => {
    await expect(fx.as("owner", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "CN", { noPreTicked: false }))).rejects.toMatchObject({
      code: "region_rule_below_floor",
      details: [{ code: "region_rule_below_floor", field: "noPreTicked" }],
    });
    await expect(
      fx.as("owner", (sql) =>
        sql.query(`insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, 'EU', '{"rejectOnFirstLayer": false}', (select auth.uid()))
                   on conflict (workspace_id, region_code) do update set rules = excluded.rules`, [fx.workspaceA]),
      ),
    ).rejects.toThrow(/consentry.region_rule_below_floor/);
    await expect(
      fx.as("owner", (sql) =>
        sql.query(`insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, 'US-CA', '{"gpc": "not_applicable"}', (select auth.uid()))`, [fx.workspaceA]),
      ),
    ).rejects.toThrow(/consentry.region_rule_below_floor/);
    // Hong Kong (PDPO Part 6A): direct marketing needs consent first, so no pre-ticks and no opt-out model.
    // California (11 CCR 7004): reject stays on the first layer.
    for (const [region, rules] of [["HK", '{"noPreTicked": false}'], ["HK", '{"consentModel": "opt_out"}'], ["US-CA", '{"rejectOnFirstLayer": false}']]) {
      await expect(
        fx.as("owner", (sql) =>
          sql.query(`insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, $2, $3::jsonb, (select auth.uid()))`, [fx.workspaceA, region, rules]),
        ),
      ).rejects.toThrow(/consentry.region_rule_below_floor/);
    }
    await expect(fx.as("owner", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "HK", { noPreTicked: false }))).rejects.toMatchObject({
      details: [{ code: "region_rule_below_floor", field: "noPreTicked" }],
    });
    // Fields the product does not know are refused by the table itself.
    await expect(
      fx.as("owner", (sql) =>
        sql.query(`insert into public.region_rule_sets (workspace_id, region_code, rules, updated_by) values ($1, 'HK', '{"anything": 1}', (select auth.uid()))`, [fx.workspaceA]),
      ),
    ).rejects.toMatchObject({ code: "23514" });
    await expect(fx.as("owner", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "DEFAULT", { countries: ["CN"] }))).rejects.toMatchObject({ code: "region_country_taken" });
  });

  it.skipIf(skip)("editors, legal and viewers cannot adjust, reset or change the default region", async () => {
    for (const persona of ["editor", "legal", "viewer", "outsider"] as const) {
      await expect(fx.as(persona, (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "HK", { reaskAfterDays: 30 }))).rejects.toMatchObject({ code: "forbidden" });
      await expect(fx.as(persona, (sql) => resetRuleSet(sql, fx.workspaceA, "EU"))).rejects.toMatchObject({ code: "forbidden" });
      await expect(fx.as(persona, (sql) => setDefaultRegion(sql, fx.workspaceA, "CN"))).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await fx.as("viewer", (sql) => readWorkspaceRegions(sql, fx.workspaceA))).overrides).toEqual({ EU: { ageOfConsent: 15 } });
  });

  it.skipIf(skip)("reset goes back to the preset; saving the preset's values stores nothing", async () => {
    await fx.as("admin", (sql) => resetRuleSet(sql, fx.workspaceA, "EU"));
    expect((await fx.as("viewer", (sql) => readWorkspaceRegions(sql, fx.workspaceA))).overrides).toEqual({});
    const { code: _code, ...hk } = REGION_PRESETS.HK;
    await fx.as("admin", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "HK", hk));
    expect((await fx.as("viewer", (sql) => readWorkspaceRegions(sql, fx.workspaceA))).overrides).toEqual({});
  });

  it.skipIf(skip)("anon reads a LIVE experience's region rules, nothing for unknown or unpublished ones", async () => {
    await fx.as("owner", (sql) => setDefaultRegion(sql, fx.workspaceA, "EU"));
    await fx.as("admin", (sql) => saveRuleSetAdjustment(sql, fx.workspaceA, "CN", { reaskAfterDays: 90 }));
    const experienceId = await fx.as("editor", async (sql) =>
      createExperience(sql, fx.workspaceA, { name: "Banner", start: { template: "eu_cookie_banner" }, locales: ["en"], defaultLocale: "en" }, await readCatalog(sql, fx.workspaceA)),
    );
    const [{ public_id }] = (await fx.as("editor", (sql) => sql.query<{ public_id: string }>("select public_id from public.experiences where id = $1", [experienceId]))) as [{ public_id: string }];
    const unpublished = await fx.asAnon((sql) => sql.query<{ rules: unknown }>("select public.live_region_rules($1) as rules", [public_id]));
    expect(unpublished).toEqual([{ rules: null }]);
    expect(await fx.asAnon((sql) => readLiveRegionRules(sql, public_id))).toEqual({ ruleSets: Object.values(REGION_PRESETS), defaultRegion: "DEFAULT" });

    const published = await fx.as("editor", (sql) => publishExperience(sql, fx.workspaceA, experienceId, { materialChange: false }));
    expect(published).toMatchObject({ published: true });
    const live = await fx.asAnon((sql) => readLiveRegionRules(sql, public_id));
    expect(live.defaultRegion).toBe("EU");
    expect(ruleSetFor(live.ruleSets, "CN")).toEqual({ ...REGION_PRESETS.CN, reaskAfterDays: 90 });
    expect(await fx.asAnon((sql) => readLiveRegionRules(sql, "x00000000000000000000"))).toEqual({ ruleSets: Object.values(REGION_PRESETS), defaultRegion: "DEFAULT" });
    // anon reads nothing else.
    await expect(fx.asAnon((sql) => sql.query("select * from public.region_rule_sets"))).rejects.toMatchObject({ code: "42501" });

    await fx.as("editor", (sql) => setLiveVersion(sql, experienceId, null));
    expect(await fx.asAnon((sql) => sql.query<{ rules: unknown }>("select public.live_region_rules($1) as rules", [public_id]))).toEqual([{ rules: null }]);
  });
});
