import { newSecretToken, tokenDigest } from "@/lib/auth/tokens";
import type { Catalog } from "@/lib/catalog/catalog";
import type { Sql } from "@/lib/db/types";
import { ExpectedError } from "@/lib/errors";
import {
  draftDocumentSchema,
  emptyDocument,
  parseStoredDocument,
  TEMPLATES,
  type ExperienceDocument,
  type ExperienceKind,
  type Locale,
} from "@/lib/experience";

export interface ExperienceSummary {
  id: string;
  name: string;
  kind: ExperienceKind;
  revision: number;
  updatedAt: Date;
  updatedByEmail: string | null;
}

export interface ExperienceDraft extends ExperienceSummary {
  document: ExperienceDocument;
}

const SUMMARY = `e.id, e.name, e.kind, e.revision, e.updated_at as "updatedAt", p.email as "updatedByEmail"`;

export function listExperiences(sql: Sql, workspaceId: string): Promise<ExperienceSummary[]> {
  return sql.query<ExperienceSummary>(
    `select ${SUMMARY} from public.experiences e left join public.profiles p on p.id = e.updated_by
     where e.workspace_id = $1 order by e.updated_at desc`,
    [workspaceId],
  );
}

/** The draft, its stored document upgraded to the current schema version as it is read. */
export async function getExperience(sql: Sql, workspaceId: string, experienceId: string): Promise<ExperienceDraft | null> {
  const [row] = await sql.query<ExperienceSummary & { document: unknown }>(
    `select ${SUMMARY}, e.document from public.experiences e left join public.profiles p on p.id = e.updated_by
     where e.workspace_id = $1 and e.id = $2`,
    [workspaceId, experienceId],
  );
  if (!row) return null;
  const parsed = parseStoredDocument(row.document);
  if (!parsed.ok) throw new Error(`experience ${experienceId} holds a document that cannot be read`);
  return { ...row, document: parsed.document };
}

export interface NewExperience {
  name: string;
  start: { template: string } | { kind: ExperienceKind };
  locales: Locale[];
  defaultLocale: Locale;
}

export async function createExperience(sql: Sql, workspaceId: string, input: NewExperience, catalog: Catalog): Promise<string> {
  const ids = () => crypto.randomUUID().slice(0, 8);
  let document: ExperienceDocument;
  if ("template" in input.start) {
    const template = TEMPLATES.find((candidate) => candidate.id === (input.start as { template: string }).template);
    if (!template) throw new ExpectedError("invalid_input");
    document = template.create({ ids, locales: input.locales, defaultLocale: input.defaultLocale, catalog });
  } else {
    document = emptyDocument(input.start.kind, input.locales, input.defaultLocale);
  }
  const [row] = await sql.query<{ id: string }>(
    `insert into public.experiences (workspace_id, name, kind, document, created_by, updated_by)
     values ($1, $2, $3, $4, auth.uid(), auth.uid()) returning id`,
    [workspaceId, input.name, document.kind, JSON.stringify(document)],
  );
  return row!.id;
}

export type SaveDraftResult =
  | { saved: true; revision: number }
  | { saved: false; conflict: { revision: number; updatedByEmail: string | null; updatedAt: Date } };

/**
 * Saves a draft only if nobody saved since `expectedRevision`: the same draft open in two tabs
 * (or by two people) gets a conflict instead of a silent overwrite.
 */
export async function saveExperienceDraft(
  sql: Sql,
  workspaceId: string,
  experienceId: string,
  draft: { expectedRevision: number; name: string; document: unknown },
): Promise<SaveDraftResult> {
  const document = draftDocumentSchema.safeParse(draft.document);
  if (!document.success) throw new ExpectedError("invalid_input");
  const [saved] = await sql.query<{ revision: number }>(
    `update public.experiences set document = $4, name = $5, kind = $6
     where workspace_id = $1 and id = $2 and revision = $3 returning revision`,
    [workspaceId, experienceId, draft.expectedRevision, JSON.stringify(document.data), draft.name, document.data.kind],
  );
  if (saved) return { saved: true, revision: saved.revision };
  const [current] = await sql.query<{ revision: number; updatedByEmail: string | null; updatedAt: Date }>(
    `select e.revision, p.email as "updatedByEmail", e.updated_at as "updatedAt"
     from public.experiences e left join public.profiles p on p.id = e.updated_by where e.workspace_id = $1 and e.id = $2`,
    [workspaceId, experienceId],
  );
  // Not visible, or visible but the role may not save (RLS filtered the update): refused.
  if (!current || current.revision === draft.expectedRevision) throw new ExpectedError("forbidden");
  return { saved: false, conflict: { revision: current.revision, updatedByEmail: current.updatedByEmail, updatedAt: current.updatedAt } };
}

export const PREVIEW_LINK_HOURS = 24;

/** A link anyone can open for a day to see the draft as an end user would; only its hash is stored. */
export async function createPreviewLink(sql: Sql, workspaceId: string, experienceId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const [row] = await sql.query<{ expires_at: Date }>(
    `insert into public.experience_preview_links (workspace_id, experience_id, token_hash, expires_at, created_by)
     values ($1, $2, $3, now() + make_interval(hours => $4), auth.uid()) returning expires_at`,
    [workspaceId, experienceId, tokenDigest(token), PREVIEW_LINK_HOURS],
  );
  return { token, expiresAt: row!.expires_at };
}

/** For the public preview page, run as anon: the draft behind a live preview token, or null. */
export async function readPreview(sql: Sql, token: string): Promise<{ name: string; document: ExperienceDocument; expiresAt: Date } | null> {
  if (token.length > 100) return null;
  const [row] = await sql.query<{ name: string; document: unknown; expires_at: Date }>(
    "select name, document, expires_at from public.preview_experience($1)",
    [token],
  );
  if (!row) return null;
  const parsed = parseStoredDocument(row.document);
  return parsed.ok ? { name: row.name, document: parsed.document, expiresAt: row.expires_at } : null;
}
