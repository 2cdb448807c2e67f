import type { Sql } from "@/lib/db/types";

export interface PublishedVersionOption {
  id: string;
  experienceName: string;
  number: number;
}

/** Published versions an operator may say they read out (newest first): they pin the notices heard. */
export function publishedVersionOptions(sql: Sql, workspaceId: string): Promise<PublishedVersionOption[]> {
  return sql.query<PublishedVersionOption>(
    `select v.id, x.name as "experienceName", v.number
     from public.experience_versions v join public.experiences x on x.id = v.experience_id
     where v.workspace_id = $1
     order by v.published_at desc
     limit 100`,
    [workspaceId],
  );
}
