import type { Block } from "../blocks/block";
import type { ExperienceDocument } from "../document";
import type { Locale, LocalizedText } from "../localized";
import type { Theme } from "../theme";
import type { BlockV1, DocumentV1, ThemeV1 } from "./v1";

// When version 3 arrives, the version 2 schema is frozen beside v1.ts and this step returns
// its type instead of the current ExperienceDocument.

function upgradeBlock(block: BlockV1, locale: Locale): Block {
  const localized = (value: string): LocalizedText => ({ [locale]: value });
  switch (block.type) {
    case "heading":
      return { ...block, text: localized(block.text) };
    case "rich_text":
      return { ...block, content: { [locale]: block.content } };
    case "purpose_toggle":
      return { ...block, label: localized(block.label), description: localized(block.description) };
    case "button":
    case "link":
      return { ...block, label: localized(block.label) };
    case "image":
      return { ...block, alt: localized(block.alt) };
    case "divider":
      return block;
    case "container":
      return { ...block, blocks: block.blocks.map((child) => upgradeBlock(child, locale)) };
  }
}

function upgradeTheme(theme: ThemeV1): Theme {
  return {
    mode: theme.mode,
    colors: {
      background: theme.backgroundColor,
      text: theme.textColor,
      primary: theme.primaryColor,
      primaryText: theme.primaryTextColor,
      border: theme.borderColor,
    },
    font: theme.font,
    radius: theme.radius,
    position: theme.position,
    logo: null,
  };
}

/** Version 1 → 2: the single language becomes the one offered locale and the default. */
export function upgradeV1ToV2(document: DocumentV1): ExperienceDocument {
  return {
    schemaVersion: 2,
    kind: document.kind,
    locales: [document.locale],
    defaultLocale: document.locale,
    theme: upgradeTheme(document.theme),
    blocks: document.blocks.map((block) => upgradeBlock(block, document.locale)),
  };
}
