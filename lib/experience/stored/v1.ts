import { z } from "zod";
import { blockIdSchema, blockListSchema, catalogIdSchema } from "../blocks/common";
import { localeSchema, MAX_TEXT_LENGTH } from "../localized";
import { richTextDocSchema } from "../rich-text";
import { hexColorSchema } from "../theme";
import { assetSrcSchema, linkHrefSchema } from "../urls";

/**
 * Schema version 1, frozen: single-language documents, every text a plain string in
 * `locale`, flat theme colours, no logo, no preference-centre blocks and no second layer.
 * Only upgrade.ts reads it. Enum values are spelled out rather than imported so later changes
 * to the current schema cannot silently change what version 1 was.
 */
const text = z.string().max(MAX_TEXT_LENGTH);

const headingV1 = z.object({
  id: blockIdSchema,
  type: z.literal("heading"),
  text,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
const richTextV1 = z.object({ id: blockIdSchema, type: z.literal("rich_text"), content: richTextDocSchema });
const purposeToggleV1 = z.object({
  id: blockIdSchema,
  type: z.literal("purpose_toggle"),
  purposeId: catalogIdSchema.nullable(),
  required: z.boolean(),
  defaultOn: z.boolean(),
  label: text,
  description: text,
});
const buttonV1 = z.object({
  id: blockIdSchema,
  type: z.literal("button"),
  action: z.enum(["accept_all", "reject_all", "save_choices", "close"]),
  label: text,
  emphasis: z.enum(["primary", "secondary"]),
});
const linkV1 = z.object({
  id: blockIdSchema,
  type: z.literal("link"),
  linkType: z.enum(["privacy_policy", "do_not_sell_or_share", "limit_sensitive_use", "custom"]),
  href: linkHrefSchema,
  label: text,
});
const imageV1 = z.object({
  id: blockIdSchema,
  type: z.literal("image"),
  role: z.enum(["logo", "image"]),
  src: assetSrcSchema,
  alt: text,
  width: z.int().min(16).max(1200).nullable(),
});
const dividerV1 = z.object({ id: blockIdSchema, type: z.literal("divider") });
const containerV1 = z.object({
  id: blockIdSchema,
  type: z.literal("container"),
  layout: z.enum(["stack", "columns"]),
  columns: z.union([z.literal(2), z.literal(3)]),
  get blocks(): z.ZodArray<typeof blockV1Schema> {
    return z.array(blockV1Schema);
  },
});

export const blockV1Schema = z.discriminatedUnion("type", [
  headingV1,
  richTextV1,
  purposeToggleV1,
  buttonV1,
  linkV1,
  imageV1,
  dividerV1,
  containerV1,
]);
export type BlockV1 = z.infer<typeof blockV1Schema>;

export const themeV1Schema = z.object({
  mode: z.enum(["light", "dark"]),
  backgroundColor: hexColorSchema,
  textColor: hexColorSchema,
  primaryColor: hexColorSchema,
  primaryTextColor: hexColorSchema,
  borderColor: hexColorSchema,
  font: z.enum(["system", "serif", "rounded"]),
  radius: z.int().min(0).max(24),
  position: z.enum(["top", "bottom", "center", "bottom-left", "bottom-right"]),
});
export type ThemeV1 = z.infer<typeof themeV1Schema>;

export const documentV1Schema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(["banner", "popup", "preference_page"]),
  locale: localeSchema,
  theme: themeV1Schema,
  blocks: blockListSchema(blockV1Schema),
});
export type DocumentV1 = z.infer<typeof documentV1Schema>;
