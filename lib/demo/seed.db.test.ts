import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/catalog/catalog";
import { decideOne } from "@/lib/consent/decisions";
import { verifyConsentLedger } from "@/lib/consent/verify";
import { runAsCaller, runAsService, type Caller } from "@/lib/db/caller";
import { regionalPublishProblems, parseStoredDocument, walkBlocks } from "@/lib/experience";
import { lastApprovedVersion, noticeVersionProblems } from "@/lib/notices/versions";
import { loadLiveExperience } from "@/lib/public/live";
import { readWorkspaceRegions } from "@/lib/regions/workspace-regions";
import { createTestDatabase, TEST_TARGETS, type TestDatabase } from "@/lib/testing/databases";
import { DEMO_ACCOUNT, DEMO_CUSTOMER, DEMO_LEGAL_ACCOUNT, DEMO_LOCALES } from "./content";
import { DEMO_USER_AGENT } from "./records";
import { seedDemo, type DemoSeedResult } from "./seed";
import { findDemoSite } from "./site";

/**
 * The embedded profile's demo, seeded into a fresh database on both engines: once only, with
 * an approved three-language notice (four eyes), two live experiences that pass the publish
 * checks and pin it, hundreds of ledger events whose hash chains verify, and a decision API
 * answer for the named customer.
 */

const ALLOWED = ["http://localhost:3000", "http://127.0.0.1:3000"];

describe.each(TEST_TARGETS)("demo seed on $target", ({ target, skip }) => {
  let t: TestDatabase;
  let seeded: DemoSeedResult;
  let owner: Caller;
  const now = new Date();

  beforeAll(async () => {
    if (skip) return;
    t = await createTestDatabase(target);
    seeded = (await seedDemo(t.db, { allowedOrigins: ALLOWED, now }))!;
    const [account] = await t.superuser.query<{ id: string }>("select id from local_auth.accounts where email = $1", [DEMO_ACCOUNT.email]);
    owner = { kind: "authenticated", claims: { sub: account!.id, email: DEMO_ACCOUNT.email, role: "authenticated", aud: "authenticated" } };
  });
  afterAll(async () => {
    if (!skip) await t.close();
  });
  const asOwner = <T>(work: Parameters<typeof runAsCaller<T>>[2]) => runAsCaller(t.db, owner, work);

  it.skipIf(skip)("runs once: a second start finds the demo and seeds nothing", async () => {
    expect(seeded).not.toBeNull();
    expect(await seedDemo(t.db, { allowedOrigins: ALLOWED })).toBeNull();
    expect(await findDemoSite(t.db)).toEqual(seeded.site);
    const [{ workspaces }] = (await t.superuser.query<{ workspaces: number }>("select count(*)::int as workspaces from public.workspaces")) as [
      { workspaces: number },
    ];
    expect(workspaces).toBe(1);
  });

  it.skipIf(skip)("the notice is approved in three languages by legal, not by its author", async () => {
    const ws = seeded.site.workspaceId;
    const [notice] = await asOwner((sql) => sql.query<{ id: string }>("select id from public.notices where workspace_id = $1", [ws]));
    const approved = (await asOwner((sql) => lastApprovedVersion(sql, ws, notice!.id)))!;
    expect(approved.status).toBe("approved");
    expect(Object.keys(approved.content).sort()).toEqual([...DEMO_LOCALES].sort());
    expect(approved.jurisdictions).toEqual(expect.arrayContaining(["CN", "EU", "US-CA", "HK"]));
    expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(approved.authorEmail).toBe(DEMO_ACCOUNT.email);
    expect(approved.reviewerEmail).toBe(DEMO_LEGAL_ACCOUNT.email);
    expect(await asOwner((sql) => noticeVersionProblems(sql, approved.id))).toEqual([]);
    const [membership] = await t.superuser.query<{ role: string }>(
      "select m.role from public.memberships m join public.profiles p on p.id = m.user_id where p.email = $1",
      [DEMO_LEGAL_ACCOUNT.email],
    );
    expect(membership!.role).toBe("legal");
  });

  it.skipIf(skip)("the banner and the preference page are live, pass the publish checks and pin the approved notice", async () => {
    const ws = seeded.site.workspaceId;
    const rows = await asOwner((sql) =>
      sql.query<{ kind: string; public_id: string; allowed_origins: string[]; document: unknown; notice_versions: Record<string, string> }>(
        `select e.kind, e.public_id, e.allowed_origins, v.document, v.notice_versions
         from public.experiences e join public.experience_versions v on v.id = e.live_version_id
         where e.workspace_id = $1 order by e.kind`,
        [ws],
      ),
    );
    expect(rows.map((row) => [row.kind, row.public_id])).toEqual([
      ["banner", seeded.site.bannerPublicId],
      ["preference_page", seeded.site.preferencePagePublicId],
    ]);
    const [notice] = await asOwner((sql) => sql.query<{ id: string; version: string }>(
      "select n.id, v.id as version from public.notices n join public.notice_versions v on v.notice_id = n.id and v.status = 'approved' where n.workspace_id = $1",
      [ws],
    ));
    const catalog = await asOwner((sql) => readCatalog(sql, ws));
    const { ruleSets } = await asOwner((sql) => readWorkspaceRegions(sql, ws));
    for (const row of rows) {
      const parsed = parseStoredDocument(row.document);
      if (!parsed.ok) throw new Error(`live ${row.kind} does not parse`);
      expect(parsed.document.locales).toEqual(DEMO_LOCALES);
      expect(regionalPublishProblems(parsed.document, catalog, ruleSets)).toEqual([]);
      expect(walkBlocks(parsed.document).some(({ block }) => block.type === "notice" && block.noticeId === notice!.id)).toBe(true);
      expect(row.notice_versions).toEqual({ [notice!.id]: notice!.version });
    }
    expect(rows[0]!.allowed_origins).toEqual(ALLOWED);

    // What a visitor is given, read as anon like the hosted page and the embed do: the notice in their language.
    for (const publicId of [seeded.site.bannerPublicId, seeded.site.preferencePagePublicId]) {
      const live = await runAsCaller(t.db, { kind: "anon" }, (sql) =>
        loadLiveExperience(sql, publicId, { headers: new Headers({ "accept-language": "zh-CN" }), regionParam: "CN" }),
      );
      expect(live?.locale).toBe("zh-CN");
      expect(live?.notices[notice!.id]?.html).toContain("艾克米茶（上海）有限公司");
    }
  });

  it.skipIf(skip)("hundreds of events across channels, regions and states, over weeks, with verifying hash chains", async () => {
    const ws = seeded.site.workspaceId;
    const [stats] = await t.superuser.query<{
      events: number;
      subjects: number;
      channels: string[];
      regions: string[];
      states: string[];
      methods: string[];
      oldest: Date;
      labelled: number;
      outbox: number;
    }>(
      `select count(*)::int as events, count(distinct subject_id)::int as subjects,
         array_agg(distinct channel::text order by channel::text) as channels,
         array_agg(distinct region_code order by region_code) as regions,
         array_agg(distinct state::text order by state::text) as states,
         array_agg(distinct method::text order by method::text) as methods,
         min(occurred_at) as oldest,
         count(*) filter (where context ->> 'user_agent' = $2)::int as labelled,
         (select count(*)::int from public.outbox o where o.workspace_id = $1) as outbox
       from public.consent_events where workspace_id = $1`,
      [ws, DEMO_USER_AGENT],
    );
    expect(stats!.events).toBe(seeded.events);
    expect(stats!.events).toBeGreaterThanOrEqual(300);
    expect(stats!.subjects).toBeGreaterThanOrEqual(100);
    expect(stats!.channels).toEqual(["app", "mini_program", "store", "web"]);
    expect(stats!.regions).toEqual(["CN", "EU", "HK", "US-CA"]);
    expect(stats!.states).toEqual(expect.arrayContaining(["given", "refused", "withdrawn"]));
    // Older decisions are imported history; those of the last day keep the method the person used.
    expect(stats!.methods).toEqual(expect.arrayContaining(["api_import", "click_accept"]));
    expect(now.getTime() - new Date(stats!.oldest).getTime()).toBeGreaterThan(14 * 86_400_000);
    expect(stats!.labelled).toBe(stats!.events);
    expect(stats!.outbox).toBeGreaterThan(0);

    const verdict = await asOwner((sql) => verifyConsentLedger(sql, ws));
    expect(verdict).toMatchObject({ valid: true, checkedRows: stats!.events, checkedSubjects: stats!.subjects });
  });

  it.skipIf(skip)("the decision API answers for the named customer: marketing by email yes, by phone no", async () => {
    const ws = seeded.site.workspaceId;
    const ask = (channel: "email" | "phone") =>
      runAsService(t.db, "consent-api", (sql) => decideOne(sql, ws, { subject: DEMO_CUSTOMER, purposeKey: "marketing", channel }));
    expect(await ask("email")).toMatchObject({ allow: true });
    expect((await ask("email")).evidence.length).toBeGreaterThan(0);
    expect(await ask("phone")).toMatchObject({ allow: false });
  });
});
