import { z } from "zod";
import { catalogIdSchema } from "./blocks/common";

/**
 * The slice of a workspace's catalog that experiences bind to. Purposes and topics are
 * referenced by id in documents; templates find them by their stable `key`.
 */
export const experienceCatalogSchema = z.object({
  purposes: z.array(z.object({ id: catalogIdSchema, key: z.string(), necessary: z.boolean() })),
  topics: z.array(z.object({ id: catalogIdSchema, key: z.string() })),
});
export type ExperienceCatalog = z.infer<typeof experienceCatalogSchema>;
export type ExperienceCatalogPurpose = ExperienceCatalog["purposes"][number];

/** Purpose keys every workspace catalog is seeded with; templates bind to these. */
export const STANDARD_PURPOSE_KEYS = [
  "necessary",
  "analytics",
  "advertising",
  "personalisation",
  "marketing",
  "sensitive_data",
  "cross_border_transfer",
  "third_party_sharing",
] as const;
export type StandardPurposeKey = (typeof STANDARD_PURPOSE_KEYS)[number];

export const STANDARD_TOPIC_KEYS = ["offers", "product_news", "events"] as const;

export function purposeIdByKey(catalog: ExperienceCatalog, key: string): string | null {
  return catalog.purposes.find((purpose) => purpose.key === key)?.id ?? null;
}

export function topicIdByKey(catalog: ExperienceCatalog, key: string): string | null {
  return catalog.topics.find((topic) => topic.key === key)?.id ?? null;
}
