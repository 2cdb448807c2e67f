import { CHANNELS } from "./blocks/preferences";
import { BLOCK_TYPES, type BlockOfType, type BlockType } from "./blocks/block";
import { BUTTON_LABELS, LINK_LABELS, localize } from "./copy";
import type { ExperienceKind } from "./document";
import { emptyText, type Locale } from "./localized";
import { emptyRichTextDoc } from "./rich-text";

export interface BlockCatalogEntry<T extends BlockType = BlockType> {
  type: T;
  isContainer: boolean;
  /** Kinds the block makes sense in; publishing reports it elsewhere (`block_not_allowed`). */
  allowedIn: readonly ExperienceKind[];
  /** A new block with sensible defaults; `ids` mints its id. */
  create(ids: () => string, locales: readonly Locale[]): BlockOfType<T>;
}

const EVERY_KIND: readonly ExperienceKind[] = ["banner", "popup", "preference_page"];
// Managing a subscription needs to know who the subject is, which only the hosted page
// establishes (verified identifier); banners and popups stay anonymous.
const PAGE_ONLY: readonly ExperienceKind[] = ["preference_page"];

const ENTRIES: { readonly [T in BlockType]: BlockCatalogEntry<T> } = {
  heading: {
    type: "heading",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({ id: ids(), type: "heading", text: emptyText(locales), level: 2 }),
  },
  rich_text: {
    type: "rich_text",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({
      id: ids(),
      type: "rich_text",
      content: Object.fromEntries(locales.map((locale) => [locale, emptyRichTextDoc()])),
    }),
  },
  notice: {
    type: "notice",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({ id: ids(), type: "notice", noticeId: null, placeholder: emptyText(locales) }),
  },
  purpose_toggle: {
    type: "purpose_toggle",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({
      id: ids(),
      type: "purpose_toggle",
      purposeId: null,
      required: false,
      defaultOn: false,
      label: emptyText(locales),
      description: emptyText(locales),
    }),
  },
  preferences_layer: {
    type: "preferences_layer",
    isContainer: true,
    allowedIn: ["banner", "popup"],
    create: (ids, locales) => ({ id: ids(), type: "preferences_layer", title: emptyText(locales), blocks: [] }),
  },
  channel_preferences: {
    type: "channel_preferences",
    isContainer: false,
    allowedIn: ["popup", "preference_page"],
    create: (ids, locales) => ({
      id: ids(),
      type: "channel_preferences",
      scope: { kind: "global" },
      channels: [...CHANNELS],
      label: emptyText(locales),
    }),
  },
  topic_subscriptions: {
    type: "topic_subscriptions",
    isContainer: false,
    allowedIn: ["popup", "preference_page"],
    create: (ids, locales) => ({ id: ids(), type: "topic_subscriptions", topicIds: [], label: emptyText(locales) }),
  },
  frequency_cap: {
    type: "frequency_cap",
    isContainer: false,
    allowedIn: PAGE_ONLY,
    create: (ids, locales) => ({ id: ids(), type: "frequency_cap", period: "week", choices: [1, 2, 3, 5], label: emptyText(locales) }),
  },
  quiet_hours: {
    type: "quiet_hours",
    isContainer: false,
    allowedIn: PAGE_ONLY,
    create: (ids, locales) => ({
      id: ids(),
      type: "quiet_hours",
      label: emptyText(locales),
      defaultStart: "21:00",
      defaultEnd: "09:00",
      timeZone: "subject",
    }),
  },
  identity_field: {
    type: "identity_field",
    isContainer: false,
    allowedIn: PAGE_ONLY,
    create: (ids, locales) => ({ id: ids(), type: "identity_field", identifier: "email", label: emptyText(locales), required: true }),
  },
  button: {
    type: "button",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({
      id: ids(),
      type: "button",
      action: "save_choices",
      label: localize(BUTTON_LABELS.save_choices, locales),
      emphasis: "primary",
    }),
  },
  link: {
    type: "link",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({
      id: ids(),
      type: "link",
      linkType: "privacy_policy",
      href: "",
      label: localize(LINK_LABELS.privacy_policy, locales),
    }),
  },
  image: {
    type: "image",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids, locales) => ({ id: ids(), type: "image", role: "image", src: "", alt: emptyText(locales), width: null }),
  },
  divider: {
    type: "divider",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids) => ({ id: ids(), type: "divider" }),
  },
  language_switcher: {
    type: "language_switcher",
    isContainer: false,
    allowedIn: EVERY_KIND,
    create: (ids) => ({ id: ids(), type: "language_switcher" }),
  },
  container: {
    type: "container",
    isContainer: true,
    allowedIn: EVERY_KIND,
    create: (ids) => ({ id: ids(), type: "container", layout: "stack", columns: 2, blocks: [] }),
  },
};

/** Every block type, in palette order. */
export const BLOCK_CATALOG: readonly BlockCatalogEntry[] = BLOCK_TYPES.map((type) => ENTRIES[type]);

export function blockCatalogEntry<T extends BlockType>(type: T): BlockCatalogEntry<T> {
  return ENTRIES[type] as BlockCatalogEntry<T>;
}

/** A new block of a type chosen at run time (palette drop). */
export function createBlock<T extends BlockType>(type: T, ids: () => string, locales: readonly Locale[]): BlockOfType<T> {
  return blockCatalogEntry(type).create(ids, locales);
}
