import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkBlocks } from "@/lib/experience";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { attempt, buildTenancyFixture, OUTCOME, type TenancyFixture } from "@/lib/testing/tenancy-fixture";
import { loadLiveExperience } from "./live";
import { buildLiveFixture, NOTICE_EN, NOTICE_ZH, publishDocument, type LiveFixture } from "./testing/live-fixture";

/**
 * The live loader as anon, on both engines: each region's visitors get their variant in their
 * language with the pinned notice text, and anon reaches nothing else — no drafts, no other
 * experience, no unpinned notice version, nothing of an unpublished experience.
 */
describe.each(TEST_TARGETS)("live experiences on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let fx: TenancyFixture;
  let live: LiveFixture;
  const load = (publicId: string, headers: Record<string, string> = {}, extra: { regionParam?: string; lang?: string } = {}) =>
    fx.asAnon((sql) => loadLiveExperience(sql, publicId, { headers: new Headers(headers), ...extra }));

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    fx = await buildTenancyFixture(t);
    live = await buildLiveFixture(fx);
  });
  afterAll(async () => t?.close());

  it.skipIf(skip)("an EU visitor (geo header) gets the shared document in English with the approved notice", async () => {
    const experience = (await load(live.publicId, { "cf-ipcountry": "DE" }))!;
    expect(experience).toMatchObject({
      publicId: live.publicId,
      publicKey: live.publicKey,
      kind: "banner",
      versionId: live.versionId,
      versionNumber: 1,
      reconsentFromVersion: 1,
      region: { code: "EU", resolvedBy: "geo_header", evidence: "cf-ipcountry=DE" },
      rules: { consentModel: "opt_in", gpc: "not_applicable", reaskAfterDays: 365 },
      gpc: { requestSignal: false, optOutPurposeIds: [] },
      consentMode: {},
      locale: "en",
      noticeVersions: { [live.noticeId]: live.noticeVersionId },
    });
    expect(experience.document.variants).toBeUndefined();
    expect(walkBlocks(experience.document).map(({ block }) => block.id)).toContain(live.hiddenInCn);
    expect(experience.notices[live.noticeId]!.html).toContain(NOTICE_EN);
    expect(experience.notices[live.noticeId]!.html).not.toContain("Unapproved");
    // The catalog holds exactly the purposes the banner shows, with their names in every language.
    expect(Object.keys(experience.catalog.purposes).sort()).toEqual(
      [live.purposes.necessary, live.purposes.analytics, live.purposes.advertising, live.purposes.personalisation].sort(),
    );
    expect(experience.catalog.purposes[live.purposes.analytics]).toMatchObject({ name: { en: "Analytics", "zh-CN": "统计分析" }, necessary: false });
    expect(experience.catalog.purposes[live.purposes.necessary]!.necessary).toBe(true);
  });

  it.skipIf(skip)("a mainland China visitor gets the CN variant: the privacy link hidden, Chinese by default", async () => {
    const experience = (await load(live.publicId, { "x-vercel-ip-country": "CN" }))!;
    expect(experience.region).toEqual({ code: "CN", resolvedBy: "geo_header", evidence: "x-vercel-ip-country=CN" });
    expect(experience.locale).toBe("zh-CN");
    expect(walkBlocks(experience.document).map(({ block }) => block.id)).not.toContain(live.hiddenInCn);
    expect(experience.notices[live.noticeId]!.html).toContain(NOTICE_ZH);
    // ?lang= wins over the region's default; Accept-Language over the variant's default.
    expect((await load(live.publicId, { "x-vercel-ip-country": "CN" }, { lang: "en" }))!.locale).toBe("en");
    expect((await load(live.publicId, { "x-vercel-ip-country": "CN", "accept-language": "en-GB" }))!.locale).toBe("en");
  });

  it.skipIf(skip)("?region= wins; California with Sec-GPC: 1 opts out of advertising only", async () => {
    const experience = (await load(live.publicId, { "cf-ipcountry": "CN", "sec-gpc": "1" }, { regionParam: "us-ca" }))!;
    expect(experience.region).toEqual({ code: "US-CA", resolvedBy: "parameter", evidence: "US-CA" });
    expect(experience.rules.gpc).toBe("opt_out_sale_sharing");
    expect(experience.gpc).toEqual({ requestSignal: true, optOutPurposeIds: [live.purposes.advertising] });
    expect((await load(live.publicId, {}, {}))!.region).toEqual({ code: "DEFAULT", resolvedBy: "workspace_default", evidence: null });
  });

  it.skipIf(skip)("unknown, malformed and unpublished ids give nothing", async () => {
    expect(await load("x00000000000000000000")).toBeNull();
    expect(await load("not-a-public-id")).toBeNull();
    expect(await load(live.unpublished.publicId)).toBeNull();
    for (const fn of ["live_catalog", "live_reconsent_from"]) {
      const [row] = await fx.asAnon((sql) => sql.query<{ value: unknown }>(`select public.${fn}($1) as value`, [live.unpublished.publicId]));
      expect(row!.value).toBeNull();
    }
    expect(await fx.asAnon((sql) => sql.query("select * from public.live_notice_versions($1)", [live.unpublished.publicId]))).toEqual([]);
  });

  it.skipIf(skip)("anon reads only the pinned notice version and no table at all", async () => {
    const notices = await fx.asAnon((sql) => sql.query<{ version_id: string }>("select version_id from public.live_notice_versions($1)", [live.publicId]));
    expect(notices.map((row) => row.version_id)).toEqual([live.noticeVersionId]);
    // The notice's public page heads with its name and number, and only for the pinned version.
    const names = await fx.asAnon((sql) => sql.query<{ version_id: string; number: number }>("select version_id, number from public.live_notice_names($1)", [live.publicId]));
    expect(names.map((row) => [row.version_id, Number(row.number)])).toEqual([[live.noticeVersionId, expect.any(Number)]]);
    expect(await fx.asAnon((sql) => sql.query("select * from public.live_notice_names($1)", [live.unpublished.publicId]))).toEqual([]);
    for (const table of ["experiences", "experience_versions", "notices", "notice_versions", "purposes", "topics"]) {
      expect(await attempt(fx, "anon", `select * from public.${table}`)).toBe(OUTCOME.noPrivilege);
    }
    // The helpers behind the functions are not callable by API roles.
    expect(await attempt(fx, "anon", "select private.document_purpose_ids('{}'::jsonb)")).toBe(OUTCOME.noPrivilege);
  });

  it.skipIf(skip)("choices before the newest material change up to the live version are stale; rollback follows", async () => {
    const pins = { [live.noticeId]: live.noticeVersionId };
    await publishDocument(fx, live.experienceId, live.document, pins, true);
    // Version 3 also maps Google Consent Mode signals to purposes: the payload carries the mapping as published.
    await publishDocument(fx, live.experienceId, { ...live.document, consentMode: { ad_storage: [live.purposes.advertising] } }, pins, false);
    expect(await load(live.publicId)).toMatchObject({ versionNumber: 3, reconsentFromVersion: 2, consentMode: { ad_storage: [live.purposes.advertising] } });
    await fx.as("editor", (sql) => sql.query("select public.set_live_experience_version($1, $2)", [live.experienceId, live.versionId]));
    expect(await load(live.publicId)).toMatchObject({ versionNumber: 1, reconsentFromVersion: 1 });
    await fx.as("editor", (sql) => sql.query("select public.set_live_experience_version($1, null)", [live.experienceId]));
    expect(await load(live.publicId)).toBeNull();
    await fx.as("editor", (sql) => sql.query("select public.set_live_experience_version($1, $2)", [live.experienceId, live.versionId]));
  });

  it.skipIf(skip)("the browser path accepts the store channel from the product's own hosted page only", async () => {
    const payload = (channel: string) =>
      JSON.stringify({
        subject: { kind: "device_id", value: `device-${channel}` },
        channel,
        method: "click_accept",
        expressedBy: "subject",
        locale: "en",
        region: { code: "EU", resolvedBy: "parameter" },
        decisions: [{ purposeId: live.purposes.analytics, state: "given" }],
        context: { pageUrl: "https://consentry.example/p/x?store=SH-001" },
      });
    const record = (origin: string | null, channel: string) =>
      fx.asAnon((sql) => sql.query<{ result: { eventIds: string[] } }>("select public.record_browser_consent($1, $2, $3::jsonb) as result", [live.publicKey, origin, payload(channel)]));
    const [own] = await record(null, "store");
    expect(own!.result.eventIds).toHaveLength(1);
    const [stored] = await fx.as("owner", (sql) => sql.query<{ channel: string }>("select channel from public.consent_events where id = $1", [own!.result.eventIds[0]]));
    expect(stored!.channel).toBe("store");
    await fx.as("editor", (sql) => sql.query("update public.experiences set allowed_origins = '{https://shop.example}' where id = $1", [live.experienceId]));
    await expect(record("https://shop.example", "store")).rejects.toThrow(/consentry.invalid_input/);
    expect((await record("https://shop.example", "web"))[0]!.result.eventIds).toHaveLength(1);
  });
});
