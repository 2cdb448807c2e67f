import { z } from "zod";
import { blockSchema } from "./blocks/block";
import { blockListSchema } from "./blocks/common";
import { consentModeSchema } from "./consent-mode";
import { localeSchema, offeredLocalesSchema, type Locale } from "./localized";
import { DEFAULT_THEME, themeSchema, type Theme } from "./theme";
import { outdatedTranslationsSchema } from "./translation-drift";
import { MAX_BLOCK_DEPTH, walkBlocks } from "./tree";
import { regionVariantsSchema } from "./variants";

export const CURRENT_SCHEMA_VERSION = 2;

export const EXPERIENCE_KINDS = ["banner", "popup", "preference_page"] as const;
export const experienceKindSchema = z.enum(EXPERIENCE_KINDS);
export type ExperienceKind = z.infer<typeof experienceKindSchema>;

/** Codes of the structural issues below, carried in `params.code` of each zod issue. */
export const STRUCTURE_ISSUE_CODES = [
  "default_locale_not_offered",
  "duplicate_block_id",
  "too_deep",
  "misplaced_preferences_layer",
  "too_many_blocks",
] as const;
export type StructureIssueCode = (typeof STRUCTURE_ISSUE_CODES)[number];

/** Far above any real banner or page; bounds the work a hostile payload can cause. */
export const MAX_BLOCKS = 500;

const blocksPath = (indexPath: readonly number[]) => indexPath.flatMap((index) => ["blocks", index]);

/**
 * The lenient schema: what any saved draft must satisfy. Only structure is checked here;
 * unfinished content (missing translations, unbound purposes, no notice yet) is left to
 * publishing, so an autosave never fails because the marketer is halfway through.
 */
export const draftDocumentSchema = z
  .object({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    kind: experienceKindSchema,
    locales: offeredLocalesSchema,
    defaultLocale: localeSchema,
    theme: themeSchema,
    blocks: blockListSchema(blockSchema),
    /** Per-region overrides (lib/experience/variants.ts); absent means one document for every region. */
    variants: regionVariantsSchema.optional(),
    /** Google Consent Mode v2 signal → purposes that grant it (lib/experience/consent-mode.ts). */
    consentMode: consentModeSchema.optional(),
    /**
     * Translations that may be out of date (lib/experience/translation-drift.ts). Optional, so
     * every version-2 document stored before it existed reads unchanged: no upgrade step needed.
     */
    outdatedTranslations: outdatedTranslationsSchema.optional(),
  })
  .superRefine((document, ctx) => {
    const issue = (code: StructureIssueCode, message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: "custom", message, path, params: { code } });
    if (!document.locales.includes(document.defaultLocale)) {
      issue("default_locale_not_offered", "The default locale must be one of the offered locales", ["defaultLocale"]);
    }
    const visits = walkBlocks(document);
    if (visits.length > MAX_BLOCKS) issue("too_many_blocks", `A document may hold at most ${MAX_BLOCKS} blocks`, ["blocks"]);
    const seen = new Set<string>();
    for (const { block, depth, indexPath } of visits) {
      const path = blocksPath(indexPath);
      if (seen.has(block.id)) issue("duplicate_block_id", `Block id "${block.id}" is used more than once`, [...path, "id"]);
      seen.add(block.id);
      if (depth > MAX_BLOCK_DEPTH) issue("too_deep", `Blocks may be nested at most ${MAX_BLOCK_DEPTH} levels deep`, path);
      if (block.type === "preferences_layer" && depth > 0) {
        issue("misplaced_preferences_layer", "A preferences layer can only be at the top level", path);
      }
    }
  });

export type ExperienceDocument = z.infer<typeof draftDocumentSchema>;

/** Where each kind appears by default; the theme can move it. */
const DEFAULT_POSITION: Record<ExperienceKind, Theme["position"]> = {
  banner: "bottom",
  popup: "center",
  preference_page: "center",
};

/** A blank experience: what "start from scratch" opens in the designer. */
export function emptyDocument(kind: ExperienceKind, locales: readonly Locale[], defaultLocale: Locale): ExperienceDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    kind,
    locales: [...locales],
    defaultLocale,
    theme: { ...DEFAULT_THEME, position: DEFAULT_POSITION[kind] },
    blocks: [],
  };
}
