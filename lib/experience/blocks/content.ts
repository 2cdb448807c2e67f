import { z } from "zod";
import { localeSchema, localizedTextSchema } from "../localized";
import { richTextDocSchema } from "../rich-text";
import { assetSrcSchema, linkHrefSchema } from "../urls";
import { blockIdSchema, catalogIdSchema } from "./common";

export const headingBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("heading"),
  text: localizedTextSchema,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});

export const richTextBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("rich_text"),
  content: z.partialRecord(localeSchema, richTextDocSchema),
});

/**
 * A legal notice shown as approved by legal. Until one is chosen the placeholder lets the
 * marketer lay out the experience; publishing refuses it (`notice_not_chosen`).
 */
export const noticeBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("notice"),
  noticeId: catalogIdSchema.nullable(),
  placeholder: localizedTextSchema,
});

export const LINK_TYPES = ["privacy_policy", "do_not_sell_or_share", "limit_sensitive_use", "custom"] as const;

/** Typed links let the renderer and region rules find the CCPA links without guessing from URLs. */
export const linkBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("link"),
  linkType: z.enum(LINK_TYPES),
  href: linkHrefSchema,
  label: localizedTextSchema,
});

export const imageBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("image"),
  role: z.enum(["logo", "image"]),
  src: assetSrcSchema,
  alt: localizedTextSchema,
  width: z.int().min(16).max(1200).nullable(),
});

export const dividerBlockSchema = z.object({ id: blockIdSchema, type: z.literal("divider") });

export const languageSwitcherBlockSchema = z.object({ id: blockIdSchema, type: z.literal("language_switcher") });

