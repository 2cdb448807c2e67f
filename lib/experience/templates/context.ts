import type { Block, BlockOfType } from "../blocks/block";
import type { ButtonAction } from "../blocks/consent";
import { purposeIdByKey, type ExperienceCatalog, type StandardPurposeKey } from "../catalog";
import { BUTTON_LABELS, LINK_LABELS, localize, shippedCopyFor, type Copy } from "../copy";
import type { ExperienceDocument, ExperienceKind } from "../document";
import type { Locale } from "../localized";
import { richTextFromParagraphs, type RichTextDoc } from "../rich-text";

export interface TemplateContext {
  /** Mints block ids; the caller decides their form (random on the server, counters in tests). */
  ids: () => string;
  locales: Locale[];
  defaultLocale: Locale;
  catalog: ExperienceCatalog;
}

export interface ExperienceTemplate {
  id: string;
  kind: ExperienceKind;
  create(context: TemplateContext): ExperienceDocument;
}

/** Building blocks with shipped copy, shared by the templates so each reads as its layout. */
export function templateBlocks(context: TemplateContext) {
  const text = (copy: Copy) => localize(copy, context.locales);
  return {
    text,
    heading: (copy: Copy, level: 1 | 2 | 3): BlockOfType<"heading"> => ({ id: context.ids(), type: "heading", text: text(copy), level }),
    richText: (paragraphs: { [K in keyof Copy]: string[] }): BlockOfType<"rich_text"> => {
      const content: Partial<Record<Locale, RichTextDoc>> = {};
      for (const locale of context.locales) {
        const source = shippedCopyFor(locale);
        // Locales without shipped copy get an empty paragraph, for the marketer to translate.
        content[locale] = richTextFromParagraphs(source === undefined ? [""] : paragraphs[source]);
      }
      return { id: context.ids(), type: "rich_text", content };
    },
    /** Bound by catalog key; left unbound (publishing will say so) when the catalog lacks it. */
    purposeToggle: (key: StandardPurposeKey, copy: { label: Copy; description: Copy }, required = false): BlockOfType<"purpose_toggle"> => ({
      id: context.ids(),
      type: "purpose_toggle",
      purposeId: purposeIdByKey(context.catalog, key),
      required,
      defaultOn: required,
      label: text(copy.label),
      description: text(copy.description),
    }),
    button: (action: ButtonAction, emphasis: "primary" | "secondary", label: Copy = BUTTON_LABELS[action]): BlockOfType<"button"> => ({
      id: context.ids(),
      type: "button",
      action,
      label: text(label),
      emphasis,
    }),
    // No address: beside a notice it leads to the approved notice's own public page; without one,
    // publishing asks for the address of the real policy. A guessed path ("/privacy") would be a
    // 404 on the hosted page and on any site that keeps its policy elsewhere.
    privacyLink: (label: Copy = LINK_LABELS.privacy_policy): BlockOfType<"link"> => ({
      id: context.ids(),
      type: "link",
      linkType: "privacy_policy",
      href: "",
      label: text(label),
    }),
    row: (blocks: Block[]): BlockOfType<"container"> => ({
      id: context.ids(),
      type: "container",
      layout: "columns",
      columns: blocks.length >= 3 ? 3 : 2,
      blocks,
    }),
  };
}
