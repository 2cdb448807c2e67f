import { runAsCaller, runAsService } from "@/lib/db/caller";
import type { Database } from "@/lib/db/types";
import { DEMO_ACCOUNT } from "./content";

/** Where the seeded demo lives: its workspace and the public ids of its two live experiences. */
export interface DemoSite {
  workspaceId: string;
  bannerPublicId: string;
  preferencePagePublicId: string;
}

/**
 * The demo as the seed left it, or null when it never ran (or its live experiences were taken
 * down since). The service may read accounts but no workspace data, so the demo owner's own
 * view (under RLS) names their first workspace and its live banner and preference page.
 */
export async function findDemoSite(db: Database): Promise<DemoSite | null> {
  const [account] = await runAsService(db, "demo-seed", (sql) =>
    sql.query<{ id: string }>("select id from local_auth.accounts where email = $1", [DEMO_ACCOUNT.email]),
  );
  if (!account) return null;
  const claims = { sub: account.id, email: DEMO_ACCOUNT.email, role: "authenticated" as const, aud: "authenticated" };
  const [row] = await runAsCaller(db, { kind: "authenticated", claims }, (sql) =>
    sql.query<DemoSite>(
      `select w.id as "workspaceId", banner.public_id as "bannerPublicId", page.public_id as "preferencePagePublicId"
       from public.workspaces w
       join public.memberships m on m.workspace_id = w.id and m.user_id = auth.uid() and m.role = 'owner'
       join lateral (select e.public_id from public.experiences e
                     where e.workspace_id = w.id and e.kind = 'banner' and e.live_version_id is not null
                     order by e.created_at limit 1) banner on true
       join lateral (select e.public_id from public.experiences e
                     where e.workspace_id = w.id and e.kind = 'preference_page' and e.live_version_id is not null
                     order by e.created_at limit 1) page on true
       order by w.created_at limit 1`,
    ),
  );
  return row ?? null;
}
