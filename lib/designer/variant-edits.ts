import {
  findBlock,
  regionVariantSchema,
  type ExperienceDocument,
  type Locale,
  type RegionCode,
  type RegionVariant,
  type ThemePosition,
} from "@/lib/experience";
import type { Edit } from "./structure-edits";

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Empty overrides are dropped, so a variant that changes nothing disappears and a document
// without variants stays exactly as it was before any region was touched.
function compact(variant: RegionVariant): RegionVariant {
  const next: RegionVariant = { ...variant };
  if (next.hiddenBlocks?.length === 0) delete next.hiddenBlocks;
  if (next.defaultOn && Object.keys(next.defaultOn).length === 0) delete next.defaultOn;
  for (const key of Object.keys(next) as (keyof RegionVariant)[]) if (next[key] === undefined) delete next[key];
  return next;
}

/** Applies `change` to one region's variant; refused when nothing changes or the variant would be invalid. */
function withVariant(document: ExperienceDocument, region: RegionCode, change: (variant: RegionVariant) => RegionVariant): Edit {
  const current = document.variants?.[region] ?? {};
  const next = compact(change(current));
  if (sameValue(next, current) || !regionVariantSchema.safeParse(next).success) return null;
  const { [region]: _replaced, ...others } = document.variants ?? {};
  const variants = Object.keys(next).length > 0 ? { ...others, [region]: next } : others;
  const { variants: _old, ...shared } = document;
  return { document: Object.keys(variants).length > 0 ? { ...shared, variants } : shared };
}

/** Hides a block (and what it holds) from one region's visitors, or shows it again. */
export function setBlockHidden(document: ExperienceDocument, region: RegionCode, id: string, hidden: boolean): Edit {
  if (findBlock(document, id) === null) return null;
  return withVariant(document, region, (variant) => {
    const rest = (variant.hiddenBlocks ?? []).filter((hiddenId) => hiddenId !== id);
    return { ...variant, hiddenBlocks: hidden ? [...rest, id] : rest };
  });
}

/** A purpose toggle's default in one region; `null` follows the shared document again. */
export function setVariantDefaultOn(document: ExperienceDocument, region: RegionCode, id: string, defaultOn: boolean | null): Edit {
  if (findBlock(document, id)?.block.type !== "purpose_toggle") return null;
  return withVariant(document, region, (variant) => {
    const { [id]: _previous, ...rest } = variant.defaultOn ?? {};
    return { ...variant, defaultOn: defaultOn === null ? rest : { ...rest, [id]: defaultOn } };
  });
}

/**
 * The languages one region offers (a subset of the document's, in the document's order) and its
 * default among them; `null` follows the document's. Refused for a language the document does not
 * offer, or a default the region does not offer.
 */
export function setVariantLocales(document: ExperienceDocument, region: RegionCode, locales: readonly Locale[] | null, defaultLocale: Locale | null): Edit {
  if (locales !== null && (locales.length === 0 || locales.some((locale) => !document.locales.includes(locale)))) return null;
  const ordered = locales === null ? null : document.locales.filter((locale) => locales.includes(locale));
  if (defaultLocale !== null && !(ordered ?? document.locales).includes(defaultLocale)) return null;
  return withVariant(document, region, (variant) => ({ ...variant, locales: ordered ?? undefined, defaultLocale: defaultLocale ?? undefined }));
}

/** Where the surface sits in one region; `null` follows the theme. */
export function setVariantPosition(document: ExperienceDocument, region: RegionCode, position: ThemePosition | null): Edit {
  return withVariant(document, region, (variant) => ({ ...variant, position: position ?? undefined }));
}

/** Forgets everything one region changes: it sees the shared document again. */
export function resetVariant(document: ExperienceDocument, region: RegionCode): Edit {
  return withVariant(document, region, () => ({}));
}
