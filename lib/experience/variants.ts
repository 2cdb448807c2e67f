import { z } from "zod";
import type { ExperienceDocument } from "./document";
import { blockIdSchema } from "./blocks/common";
import type { Block } from "./blocks/block";
import { localeSchema, offeredLocalesSchema } from "./localized";
import { THEME_POSITIONS } from "./theme";

/**
 * Regions an experience can vary by. Their rules live in lib/regions (data, not code); the
 * codes live here because the document names them and lib/experience depends on nothing.
 */
export const REGION_CODES = ["CN", "EU", "US-CA", "HK", "DEFAULT"] as const;
export const regionCodeSchema = z.enum(REGION_CODES);
export type RegionCode = z.infer<typeof regionCodeSchema>;

/**
 * What one region changes in an experience: blocks it leaves out, purpose defaults, its
 * languages and where the surface sits. Everything else is shared, so a text edited once is
 * edited for every region.
 */
export const regionVariantSchema = z.strictObject({
  /** Blocks (and everything inside them) that this region does not show. */
  hiddenBlocks: z.array(blockIdSchema).max(500).optional(),
  /** `defaultOn` of purpose toggles, by block id. */
  defaultOn: z.record(blockIdSchema, z.boolean()).optional(),
  /** Languages offered in this region: a subset of the document's, in switcher order. */
  locales: offeredLocalesSchema.optional(),
  defaultLocale: localeSchema.optional(),
  position: z.enum(THEME_POSITIONS).optional(),
});
export type RegionVariant = z.infer<typeof regionVariantSchema>;

export const regionVariantsSchema = z.partialRecord(regionCodeSchema, regionVariantSchema);
export type RegionVariants = z.infer<typeof regionVariantsSchema>;

function withoutHidden(blocks: readonly Block[], hidden: ReadonlySet<string>, defaultOn: Readonly<Record<string, boolean>>): Block[] {
  return blocks
    .filter((block) => !hidden.has(block.id))
    .map((block): Block => {
      if (block.type === "container" || block.type === "preferences_layer") {
        return { ...block, blocks: withoutHidden(block.blocks, hidden, defaultOn) } as Block;
      }
      if (block.type === "purpose_toggle" && block.id in defaultOn) return { ...block, defaultOn: defaultOn[block.id] === true };
      return block;
    });
}

/**
 * The document one region's visitors see: the shared document with that region's overrides
 * applied and no variants left. Languages a variant names that the document does not offer are
 * dropped; if nothing is left, the document's own languages stand.
 */
export function applyVariant(document: ExperienceDocument, region: RegionCode): ExperienceDocument {
  const { variants, ...shared } = document;
  const variant = variants?.[region];
  if (!variant) return shared;
  const locales = (variant.locales ?? shared.locales).filter((locale) => shared.locales.includes(locale));
  const offered = locales.length > 0 ? locales : shared.locales;
  const preferred = variant.defaultLocale ?? shared.defaultLocale;
  return {
    ...shared,
    locales: offered,
    defaultLocale: offered.includes(preferred) ? preferred : offered[0]!,
    theme: variant.position ? { ...shared.theme, position: variant.position } : shared.theme,
    blocks: withoutHidden(shared.blocks, new Set(variant.hiddenBlocks ?? []), variant.defaultOn ?? {}),
  };
}
