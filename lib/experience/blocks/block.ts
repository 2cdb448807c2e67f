import { z } from "zod";
import { localizedTextSchema, type LocalizedText } from "../localized";
import { blockIdSchema } from "./common";
import { buttonBlockSchema, purposeToggleBlockSchema } from "./consent";
import {
  dividerBlockSchema,
  headingBlockSchema,
  imageBlockSchema,
  languageSwitcherBlockSchema,
  linkBlockSchema,
  noticeBlockSchema,
  richTextBlockSchema,
} from "./content";
import {
  channelPreferencesBlockSchema,
  frequencyCapBlockSchema,
  identityFieldBlockSchema,
  quietHoursBlockSchema,
  topicSubscriptionsBlockSchema,
} from "./preferences";

/**
 * Containers are recursive through getters, which zod resolves lazily. Where a container may
 * sit, and how deep, is a property of the whole document and is checked there
 * (document.ts), so the messages can name the offending block.
 */
export const containerBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("container"),
  layout: z.enum(["stack", "columns"]),
  columns: z.union([z.literal(2), z.literal(3)]),
  get blocks(): z.ZodArray<typeof blockSchema> {
    return z.array(blockSchema);
  },
});

/**
 * The "manage preferences" second layer of a two-layer banner: hidden until a button with
 * action `open_preferences` is used. Only ever at the top level.
 */
export const preferencesLayerBlockSchema = z.object({
  id: blockIdSchema,
  type: z.literal("preferences_layer"),
  title: localizedTextSchema,
  get blocks(): z.ZodArray<typeof blockSchema> {
    return z.array(blockSchema);
  },
});

export const blockSchema = z.discriminatedUnion("type", [
  headingBlockSchema,
  richTextBlockSchema,
  noticeBlockSchema,
  purposeToggleBlockSchema,
  preferencesLayerBlockSchema,
  channelPreferencesBlockSchema,
  topicSubscriptionsBlockSchema,
  frequencyCapBlockSchema,
  quietHoursBlockSchema,
  identityFieldBlockSchema,
  buttonBlockSchema,
  linkBlockSchema,
  imageBlockSchema,
  dividerBlockSchema,
  languageSwitcherBlockSchema,
  containerBlockSchema,
]);

export type Block = z.infer<typeof blockSchema>;
export type BlockType = Block["type"];
export type ContainerBlock = z.infer<typeof containerBlockSchema>;
export type PreferencesLayerBlock = z.infer<typeof preferencesLayerBlockSchema>;
/** Blocks that hold other blocks. */
export type ParentBlock = ContainerBlock | PreferencesLayerBlock;
// A lookup rather than Extract<>, so BlockOfType<"heading"> counts as a subtype of
// BlockOfType<BlockType> (TypeScript does not see through conditional types for variance).
type BlocksByType = { [B in Block as B["type"]]: B };
export type BlockOfType<T extends BlockType> = BlocksByType[T];

/** In palette order. */
export const BLOCK_TYPES = [
  "heading",
  "rich_text",
  "notice",
  "purpose_toggle",
  "preferences_layer",
  "channel_preferences",
  "topic_subscriptions",
  "frequency_cap",
  "quiet_hours",
  "identity_field",
  "button",
  "link",
  "image",
  "divider",
  "language_switcher",
  "container",
] as const satisfies readonly BlockType[];


export function isParentBlock(block: Block): block is ParentBlock {
  return block.type === "container" || block.type === "preferences_layer";
}

export function isParentType(type: BlockType): type is ParentBlock["type"] {
  return type === "container" || type === "preferences_layer";
}

export const LOCALIZED_TEXT_FIELDS = ["text", "placeholder", "label", "description", "title", "alt"] as const;
export type LocalizedTextField = (typeof LOCALIZED_TEXT_FIELDS)[number];

/**
 * The plain localized-text fields of each block type, in inspector order. Rich text is not
 * among them: it is a document per locale, edited and checked on its own.
 */
export const LOCALIZED_FIELDS_BY_TYPE: Record<BlockType, readonly LocalizedTextField[]> = {
  heading: ["text"],
  rich_text: [],
  notice: ["placeholder"],
  purpose_toggle: ["label", "description"],
  preferences_layer: ["title"],
  channel_preferences: ["label"],
  topic_subscriptions: ["label"],
  frequency_cap: ["label"],
  quiet_hours: ["label"],
  identity_field: ["label"],
  button: ["label"],
  link: ["label"],
  image: ["alt"],
  divider: [],
  language_switcher: [],
  container: [],
};

/** The block's text in `field`, or null when the block has no such localized field. */
export function localizedTextOf(block: Block, field: LocalizedTextField): LocalizedText | null {
  if (!LOCALIZED_FIELDS_BY_TYPE[block.type].includes(field)) return null;
  return (block as unknown as Record<LocalizedTextField, LocalizedText>)[field];
}
