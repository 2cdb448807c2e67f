// Shared by the unit tests of lib/experience and lib/designer; not exported from the index.
import type { Block } from "./blocks/block";
import type { ExperienceCatalog } from "./catalog";
import { emptyDocument, type ExperienceDocument, type ExperienceKind } from "./document";
import type { Locale } from "./localized";

/** Deterministic ids: b1, b2, ... */
export function counterIds(prefix = "b"): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const PURPOSE = {
  necessary: uuid(1),
  analytics: uuid(2),
  advertising: uuid(3),
  personalisation: uuid(4),
  marketing: uuid(5),
  sensitive_data: uuid(6),
  cross_border_transfer: uuid(7),
  third_party_sharing: uuid(8),
} as const;

export const TOPIC = { offers: uuid(101), product_news: uuid(102), events: uuid(103) } as const;

/** A workspace catalog seeded with every standard purpose and topic. */
export const STANDARD_CATALOG: ExperienceCatalog = {
  purposes: Object.entries(PURPOSE).map(([key, id]) => ({ id, key, necessary: key === "necessary" })),
  topics: Object.entries(TOPIC).map(([key, id]) => ({ id, key })),
};

export const UNKNOWN_ID = uuid(999);

export function documentWith(
  blocks: Block[],
  options: { kind?: ExperienceKind; locales?: Locale[]; defaultLocale?: Locale } = {},
): ExperienceDocument {
  const locales = options.locales ?? ["en", "zh-CN"];
  return { ...emptyDocument(options.kind ?? "banner", locales, options.defaultLocale ?? locales[0] ?? "en"), blocks };
}
