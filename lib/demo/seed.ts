import { runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { approveDemoNotice } from "./notice";
import { publishDemoExperiences } from "./experiences";
import { createDemoPeople } from "./people";
import { demoRecordings, recordDemoConsents } from "./records";
import type { DemoSite } from "./site";

export interface DemoSeedResult {
  site: DemoSite;
  events: number;
  /** Wall-clock milliseconds of the whole seed, and of recording the history alone. */
  millis: { total: number; records: number };
}

/**
 * Embedded profile, first start only: a complete working example — two people, an approved
 * notice in three languages, a live banner and preference centre pinned to it, and a few weeks
 * of consent history. Every step goes through the product's own functions and the database's
 * rules, as the people would in the console. Returns null (and does nothing) unless the
 * database has no accounts yet.
 */
export async function seedDemo(db: Database, options: { allowedOrigins: string[]; now?: Date }): Promise<DemoSeedResult | null> {
  const started = performance.now();
  const [{ accounts }] = (await runAsService(db, "demo-seed", (sql) =>
    sql.query<{ accounts: number }>("select count(*)::int as accounts from local_auth.accounts"),
  )) as [{ accounts: number }];
  if (accounts > 0) return null;

  const { owner, legal, workspaceId } = await createDemoPeople(db);
  const notice = await approveDemoNotice(owner, legal, workspaceId);
  const { banner, preferencePage } = await publishDemoExperiences(owner, workspaceId, notice.noticeId, options.allowedOrigins);

  const catalog = await owner.as(async (sql) => ({
    purposes: Object.fromEntries(
      (await sql.query<{ key: string; id: string }>("select key, id from public.purposes where workspace_id = $1", [workspaceId])).map((row) => [row.key, row.id]),
    ),
    topics: (await sql.query<{ id: string }>("select id from public.topics where workspace_id = $1 order by key", [workspaceId])).map((row) => row.id),
  }));
  const recordsStarted = performance.now();
  const events = await recordDemoConsents(
    db,
    demoRecordings(
      {
        workspaceId,
        banner: {
          versionId: banner.versionId,
          purposes: {
            necessary: catalog.purposes.necessary!,
            analytics: catalog.purposes.analytics!,
            advertising: catalog.purposes.advertising!,
            personalisation: catalog.purposes.personalisation!,
          },
        },
        preferencePage: { versionId: preferencePage.versionId, marketing: catalog.purposes.marketing!, topics: catalog.topics },
      },
      options.now ?? new Date(),
    ),
  );
  const finished = performance.now();
  return {
    site: { workspaceId, bannerPublicId: banner.publicId, preferencePagePublicId: preferencePage.publicId },
    events,
    millis: { total: Math.round(finished - started), records: Math.round(finished - recordsStarted) },
  };
}
