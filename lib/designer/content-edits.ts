import {
  blockSchema,
  draftDocumentSchema,
  findBlock,
  localizedTextOf,
  MAX_TEXT_LENGTH,
  richTextDocSchema,
  themeSchema,
  type Block,
  type ExperienceDocument,
  type ExperienceKind,
  type Locale,
  type LocalizedTextField,
  type RichTextDoc,
} from "@/lib/experience";
import type { BlockPatch, ThemePatch } from "./actions";
import type { Edit } from "./structure-edits";
import { replaceBlock } from "./tree-edits";

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

// Identity and children are changed by their own actions, never by a patch.
const NOT_PATCHABLE = new Set(["id", "type", "blocks"]);

function withBlock(document: ExperienceDocument, id: string, block: Block): ExperienceDocument {
  return { ...document, blocks: replaceBlock(document.blocks, id, () => block) };
}

/**
 * Shallow patch of a block's own fields. Refused when the result is not a valid block (a
 * javascript: href, a 13th hour), so the designer's document always passes the draft schema.
 */
export function updateBlock(document: ExperienceDocument, id: string, patch: BlockPatch): Edit {
  const found = findBlock(document, id);
  if (found === null) return null;
  const current = found.block as unknown as Record<string, unknown>;
  const entries = Object.entries(patch).filter(([key]) => key in current && !NOT_PATCHABLE.has(key));
  if (entries.every(([key, value]) => sameValue(current[key], value))) return null;
  const next = { ...current, ...Object.fromEntries(entries) } as unknown as Block;
  if (!blockSchema.safeParse(next).success) return null;
  return { document: withBlock(document, id, next) };
}

export function setText(document: ExperienceDocument, id: string, field: LocalizedTextField, locale: Locale, value: string): Edit {
  const found = findBlock(document, id);
  if (found === null || !document.locales.includes(locale) || value.length > MAX_TEXT_LENGTH) return null;
  const text = localizedTextOf(found.block, field);
  if (text === null || text[locale] === value) return null;
  const next = { ...found.block, [field]: { ...text, [locale]: value } } as Block;
  return { document: withBlock(document, id, next) };
}

export function setRichText(document: ExperienceDocument, id: string, locale: Locale, doc: RichTextDoc): Edit {
  const found = findBlock(document, id);
  if (found === null || found.block.type !== "rich_text" || !document.locales.includes(locale)) return null;
  if (sameValue(found.block.content[locale], doc) || !richTextDocSchema.safeParse(doc).success) return null;
  return { document: withBlock(document, id, { ...found.block, content: { ...found.block.content, [locale]: doc } }) };
}

export function setTheme(document: ExperienceDocument, patch: ThemePatch): Edit {
  const theme = { ...document.theme, ...patch, colors: { ...document.theme.colors, ...patch.colors } };
  if (sameValue(theme, document.theme) || !themeSchema.safeParse(theme).success) return null;
  return { document: { ...document, theme } };
}

/** Blocks that do not suit the new kind stay; publishing lists them (`block_not_allowed`). */
export function setKind(document: ExperienceDocument, kind: ExperienceKind): Edit {
  return kind === document.kind ? null : { document: { ...document, kind } };
}

/** Text in languages no longer offered is kept, so offering them again restores it. */
export function setLocales(document: ExperienceDocument, locales: Locale[], defaultLocale: Locale): Edit {
  if (sameValue(locales, document.locales) && defaultLocale === document.defaultLocale) return null;
  const next = { ...document, locales: [...locales], defaultLocale };
  return draftDocumentSchema.safeParse(next).success ? { document: next } : null;
}
