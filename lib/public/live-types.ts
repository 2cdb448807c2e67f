import type { RendererCatalog, RendererNotice } from "@/lib/renderer-model/types";
import type { ContentLocale, ExperienceDocument, ExperienceKind, RegionCode } from "@/lib/experience";

/**
 * What a visitor's browser is given of a live experience: the published version with the
 * visitor's region variant applied, in one language, with what the renderer needs beside it.
 * The hosted page builds it on the server; the embed fetches it as JSON from
 * GET /api/v1/experiences/{publicId}/live. Nothing in it is secret.
 */
export interface LiveExperience {
  publicId: string;
  /** The browser credential for POST /api/v1/consents (x-consentry-key). */
  publicKey: string;
  kind: ExperienceKind;
  versionId: string;
  versionNumber: number;
  /**
   * Choices recorded under a version numbered below this one are stale: a later version was
   * published as a material change (PIPL art. 14), so the visitor is asked again.
   */
  reconsentFromVersion: number;
  region: { code: RegionCode; resolvedBy: "parameter" | "geo_header" | "accept_language" | "workspace_default"; evidence: string | null };
  rules: {
    consentModel: "opt_in" | "opt_out" | "notice_only";
    gpc: "opt_out_sale_sharing" | "not_applicable";
    reaskAfterDays: number;
  };
  /** Global Privacy Control: whether the request carried it (Sec-GPC: 1) and which purposes it opts out of here. */
  gpc: { requestSignal: boolean; optOutPurposeIds: string[] };
  /** Google Consent Mode v2 signal → purposes that grant it (all must be given); empty when not configured. */
  consentMode: Partial<Record<"ad_storage" | "analytics_storage" | "ad_user_data" | "ad_personalization", string[]>>;
  locale: ContentLocale;
  /** The variant's document: exactly what the renderer draws. */
  document: ExperienceDocument;
  catalog: RendererCatalog;
  /** Approved notice text (sanitized HTML) in `locale`, keyed by notice id. */
  notices: Record<string, RendererNotice>;
  /** notice id → pinned notice version id, as recorded with each event. */
  noticeVersions: Record<string, string>;
}
