import "server-only";
import { walkBlocks, applyVariant, parseStoredDocument, type ExperienceDocument, type ExperienceKind } from "@/lib/experience";
import type { Sql } from "@/lib/db/types";
import { env } from "@/lib/env";
import { gpcOptOutPurposeIds, hasGpcHeader } from "@/lib/regions/gpc";
import { ruleSetFor } from "@/lib/regions/effective";
import { resolveRegion } from "@/lib/regions/resolve";
import { readLiveRegionRules } from "@/lib/regions/workspace-regions";
import { chooseContentLocale } from "./content-locale";
import { readLiveCatalog } from "./live-catalog";
import { readLiveNotices } from "./live-notices";
import type { LiveExperience } from "./live-types";

export const PUBLIC_ID = /^x[0-9a-f]{20}$/;

export interface LiveRequest {
  headers: Headers;
  /** `?region=` (hosted URL) or `data-region` (embed): wins over every header. */
  regionParam?: string | null;
  /** `?lang=` (hosted URL) or `data-lang` (embed): used when the visitor's variant offers it. */
  lang?: string | null;
}

interface LiveVersionRow {
  version_id: string;
  number: number;
  kind: ExperienceKind;
  document: unknown;
  notice_versions: Record<string, string>;
  public_key: string;
  allowed_origins: string[];
}

/**
 * Google Consent Mode mapping (set in the designer), as published: a signal is granted only when
 * all its purposes are given, so a purpose this region does not show keeps its signal denied.
 */
function consentModeOf(document: ExperienceDocument): LiveExperience["consentMode"] {
  return { ...document.consentMode };
}

/** Purpose ids of the toggles a document shows. */
function shownPurposeIds(document: ExperienceDocument): Set<string> {
  const ids = new Set<string>();
  for (const { block } of walkBlocks(document)) if (block.type === "purpose_toggle" && block.purposeId) ids.add(block.purposeId);
  return ids;
}

/**
 * What one visitor is shown of a live experience (lib/public/live-types.ts), read as anon
 * through the narrow live_* functions: the published version with the visitor's region variant
 * applied (region: parameter → geo header → Accept-Language → workspace default), in one
 * language, with its catalog entries, the pinned notices rendered in that language, the version
 * from which earlier choices are stale, and what Global Privacy Control opts out of here.
 * Null for an unknown or unpublished experience.
 */
export async function loadLiveExperience(sql: Sql, publicId: string, request: LiveRequest): Promise<LiveExperience | null> {
  return (await readLiveExperience(sql, publicId, request))?.experience ?? null;
}

/** The same, with the origins allowed to embed it (for CORS; not part of the payload). */
export async function readLiveExperience(
  sql: Sql,
  publicId: string,
  request: LiveRequest,
): Promise<{ experience: LiveExperience; allowedOrigins: string[] } | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const [row] = await sql.query<LiveVersionRow>(
    "select version_id, number, kind, document, notice_versions, public_key, allowed_origins from public.live_experience($1)",
    [publicId],
  );
  if (!row) return null;
  const parsed = parseStoredDocument(row.document);
  if (!parsed.ok) {
    // A published snapshot passed the strict checks; one that no longer parses is a bug to see, not a page to show.
    console.error(`[consentry] live experience ${publicId} version ${row.version_id} does not parse:`, parsed.issues.slice(0, 5));
    return null;
  }
  const published = parsed.document;

  const { ruleSets, defaultRegion } = await readLiveRegionRules(sql, publicId);
  const region = resolveRegion({
    explicit: request.regionParam,
    headers: request.headers,
    geoHeaders: env.CONSENTRY_GEO_HEADERS,
    geoSubdivisionHeaders: env.CONSENTRY_GEO_SUBDIVISION_HEADERS,
    workspaceDefault: defaultRegion,
    ruleSets,
  });
  const rules = ruleSetFor(ruleSets, region.code);
  const document = applyVariant(published, region.code);
  const locale = chooseContentLocale({
    lang: request.lang,
    acceptLanguage: request.headers.get("accept-language"),
    offered: document.locales,
    variantDefault: published.variants?.[region.code]?.defaultLocale,
    regionDefault: rules.defaultLocale,
    regionOffered: rules.offeredLocales,
    documentDefault: published.defaultLocale,
  });

  const catalog = await readLiveCatalog(sql, publicId);
  const notices = await readLiveNotices(sql, publicId, locale, document.defaultLocale);
  const [reconsent] = await sql.query<{ number: number | null }>("select public.live_reconsent_from($1) as number", [publicId]);
  const shown = shownPurposeIds(document);

  const experience: LiveExperience = {
    publicId,
    publicKey: row.public_key,
    kind: row.kind,
    versionId: row.version_id,
    versionNumber: row.number,
    reconsentFromVersion: reconsent?.number ?? 1,
    region,
    rules: { consentModel: rules.consentModel, gpc: rules.gpc, reaskAfterDays: rules.reaskAfterDays },
    gpc: {
      requestSignal: hasGpcHeader(request.headers),
      optOutPurposeIds: gpcOptOutPurposeIds(rules, catalog.gpcPurposes.filter((purpose) => shown.has(purpose.id))),
    },
    consentMode: consentModeOf(published),
    locale,
    document,
    catalog: catalog.renderer,
    notices,
    noticeVersions: row.notice_versions,
  };
  return { experience, allowedOrigins: row.allowed_origins };
}
