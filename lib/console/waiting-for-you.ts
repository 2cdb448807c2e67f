import type { Sql } from "@/lib/db/types";
import { getExperience } from "@/lib/experiences/experiences";
import { publishCheck } from "@/lib/publishing/publish";
import { CAN, type WorkspaceRole } from "@/lib/tenancy/schemas";

/**
 * What waits for the signed-in person in a workspace, by what their role may do: versions to
 * review (legal and owners, never their own: four eyes), refused notice versions, notice drafts
 * that cannot be approved yet and experiences whose unpublished changes fail the publish checks
 * (whoever designs and writes), data requests nearing their deadline and deliveries to a sync
 * destination that failed for good (owners and admins: they manage destinations and retry).
 * Every query runs as the caller, so RLS shows only what they may see anyway.
 */

/** GDPR art. 12(3): one month to answer; PIPL art. 50 asks for "timely"; CCPA allows 45 days. The strictest, as days. */
export const DATA_REQUEST_DEADLINE_DAYS = 30;
/** A request shows as nearing its deadline this many days before it (and stays once overdue). */
export const DATA_REQUEST_WARNING_DAYS = 7;

export type WaitingItem =
  | { kind: "review"; noticeId: string; versionId: string; noticeName: string; number: number; since: Date }
  | { kind: "rejected"; noticeId: string; versionId: string; noticeName: string; number: number; since: Date }
  | { kind: "notice_draft"; noticeId: string; versionId: string; noticeName: string; number: number; problems: number }
  | { kind: "experience"; experienceId: string; name: string; problems: number }
  | { kind: "data_request"; requestId: string; requestKind: string; due: Date }
  | { kind: "dead_deliveries"; destinationId: string; destination: string; count: number; since: Date };

type NoticeRow = { noticeId: string; versionId: string; noticeName: string; number: number; since: Date; problems: number };

export async function waitingForYou(sql: Sql, workspaceId: string, role: WorkspaceRole): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  if (CAN.reviewNotices(role)) {
    const rows = await sql.query<NoticeRow>(
      `select v.notice_id as "noticeId", v.id as "versionId", n.name as "noticeName", v.number, v.submitted_at as since
       from public.notice_versions v join public.notices n on n.id = v.notice_id
       where v.workspace_id = $1 and v.status = 'in_review'
         and v.author_id <> auth.uid() and not (auth.uid() = any (v.contributor_ids))
       order by v.submitted_at`,
      [workspaceId],
    );
    items.push(...rows.map((row) => ({ kind: "review" as const, ...row })));
  }
  if (CAN.designExperiences(role)) {
    // The newest version of each notice, when it was refused or is a draft with problems.
    const rows = await sql.query<NoticeRow & { status: string }>(
      `select v.notice_id as "noticeId", v.id as "versionId", n.name as "noticeName", v.number, v.status,
              coalesce(v.reviewed_at, v.updated_at) as since,
              case when v.status = 'draft' then (select count(*)::int from public.notice_version_problems(v.id)) else 0 end as problems
       from public.notice_versions v join public.notices n on n.id = v.notice_id
       where v.workspace_id = $1 and v.status in ('rejected', 'draft')
         and not exists (select 1 from public.notice_versions newer where newer.notice_id = v.notice_id and newer.number > v.number)
       order by n.name`,
      [workspaceId],
    );
    for (const { status, problems, since, ...row } of rows) {
      if (status === "rejected") items.push({ kind: "rejected", ...row, since });
      else if (problems > 0) items.push({ kind: "notice_draft", ...row, problems });
    }
    // Experiences never published, or changed since their live version was published.
    const changed = await sql.query<{ id: string }>(
      `select e.id from public.experiences e
       left join public.experience_versions live on live.id = e.live_version_id
       where e.workspace_id = $1 and (live.id is null or e.updated_at > live.published_at)
       order by e.updated_at desc limit 20`,
      [workspaceId],
    );
    for (const { id } of changed) {
      const draft = await getExperience(sql, workspaceId, id);
      if (!draft) continue;
      const { problems } = await publishCheck(sql, workspaceId, draft.document);
      if (problems.length > 0) items.push({ kind: "experience", experienceId: id, name: draft.name, problems: problems.length });
    }
  }
  if (CAN.manageMembers(role)) {
    const rows = await sql.query<{ requestId: string; requestKind: string; due: Date }>(
      `select d.id as "requestId", d.kind as "requestKind", d.created_at + make_interval(days => $2::int) as due
       from public.data_subject_requests d
       where d.workspace_id = $1 and d.status in ('received', 'in_progress')
         and d.created_at + make_interval(days => $2::int - $3::int) <= now()
       order by d.created_at`,
      [workspaceId, DATA_REQUEST_DEADLINE_DAYS, DATA_REQUEST_WARNING_DAYS],
    );
    items.push(...rows.map((row) => ({ kind: "data_request" as const, ...row })));
    // The dead-letter alert: changes a downstream system never received until someone retries.
    const dead = await sql.query<{ destinationId: string; destination: string; count: number; since: Date }>(
      `select d.id as "destinationId", d.name as destination, count(*)::int as count, min(dl.updated_at) as since
       from public.deliveries dl join public.destinations d on d.id = dl.destination_id
       where dl.workspace_id = $1 and dl.status = 'dead' and d.deleted_at is null
       group by d.id, d.name order by min(dl.updated_at)`,
      [workspaceId],
    );
    items.push(...dead.map((row) => ({ kind: "dead_deliveries" as const, ...row })));
  }
  return items;
}
