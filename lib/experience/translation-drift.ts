import { z } from "zod";
import { LOCALIZED_TEXT_FIELDS, localizedTextOf } from "./blocks/block";
import { blockIdSchema } from "./blocks/common";
import type { Block } from "./blocks/block";
import { localeSchema, SUPPORTED_CONTENT_LOCALES, type Locale } from "./localized";
import { plainTextOf } from "./rich-text";
import { walkBlocks, type BlockTree } from "./tree";

/** A block's translatable texts: its plain localized fields, and "content" for rich text. */
export const TRANSLATABLE_FIELDS = [...LOCALIZED_TEXT_FIELDS, "content"] as const;
export const translatableFieldSchema = z.enum(TRANSLATABLE_FIELDS);
export type TranslatableField = z.infer<typeof translatableFieldSchema>;

/**
 * Languages of a text that may no longer say what the text says in another language: one of its
 * languages was changed after they were written. Block id → field → languages. An editorial mark
 * (the designer sets and clears it; publishing warns about it, never refuses), kept in the draft
 * so it survives a reload; published documents do not carry it.
 */
export const outdatedTranslationsSchema = z
  .record(blockIdSchema, z.partialRecord(translatableFieldSchema, z.array(localeSchema).max(SUPPORTED_CONTENT_LOCALES.length)))
  .refine((marks) => Object.keys(marks).length <= 500, { message: "At most one entry per block" });
export type OutdatedTranslations = z.infer<typeof outdatedTranslationsSchema>;

export interface OutdatedTranslation {
  blockId: string;
  field: TranslatableField;
  locale: Locale;
}

/** Whether the block has text in `locale` for `field` (rich text: any characters at all). */
export function hasTranslation(block: Block, field: TranslatableField, locale: Locale): boolean {
  if (field === "content") {
    const doc = block.type === "rich_text" ? block.content[locale] : undefined;
    return doc !== undefined && plainTextOf(doc).trim().length > 0;
  }
  return (localizedTextOf(block, field)?.[locale] ?? "").trim().length > 0;
}

/** The languages of `field` of block `blockId` marked as possibly out of date (whether or not still meaningful). */
export function outdatedLocales(marks: OutdatedTranslations | undefined, blockId: string, field: TranslatableField): readonly Locale[] {
  return marks?.[blockId]?.[field] ?? [];
}

/**
 * The marks that still mean something, in document order: the block exists and has the field,
 * the language is offered and still has text (a missing text is a publish problem of its own).
 */
export function outdatedTranslations(document: BlockTree & { locales: readonly Locale[]; outdatedTranslations?: OutdatedTranslations }): OutdatedTranslation[] {
  const marks = document.outdatedTranslations;
  if (!marks) return [];
  return walkBlocks(document).flatMap(({ block }) =>
    TRANSLATABLE_FIELDS.flatMap((field) =>
      document.locales
        .filter((locale) => outdatedLocales(marks, block.id, field).includes(locale) && hasTranslation(block, field, locale))
        .map((locale) => ({ blockId: block.id, field, locale })),
    ),
  );
}

/**
 * The document with the marks of `field` of block `blockId` set to `locales` (in the document's
 * language order; none removes the entry). Entries of blocks no longer in the document are dropped.
 */
export function withOutdatedLocales<D extends BlockTree & { locales: readonly Locale[]; outdatedTranslations?: OutdatedTranslations }>(
  document: D,
  blockId: string,
  field: TranslatableField,
  locales: readonly Locale[],
): D {
  const { outdatedTranslations: marks = {}, ...rest } = document;
  const { [field]: _previous, ...otherFields } = marks[blockId] ?? {};
  const ordered = document.locales.filter((locale) => locales.includes(locale));
  const blockMarks = ordered.length > 0 ? { ...otherFields, [field]: ordered } : otherFields;
  const present = new Set(walkBlocks(document).map(({ block }) => block.id));
  const next = Object.fromEntries(
    Object.entries({ ...marks, [blockId]: blockMarks }).filter(([id, fields]) => present.has(id) && Object.keys(fields).length > 0),
  );
  return (Object.keys(next).length > 0 ? { ...rest, outdatedTranslations: next } : rest) as D;
}
