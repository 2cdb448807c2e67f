import type { Block, ConsentMode, ExperienceDocument, ExperienceKind, Locale, LocalizedTextField, RegionCode, RichTextDoc, Theme, ThemeColors, ThemePosition, TranslatableField } from "@/lib/experience";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Fields of a block other than its identity and children, which have their own actions. */
export type BlockPatch = Partial<DistributiveOmit<Block, "id" | "type" | "blocks">>;

export type ThemePatch = Partial<Omit<Theme, "colors">> & { colors?: Partial<ThemeColors> };

/**
 * Everything the designer can do, as plain serializable data: ids are minted by the caller
 * (see cloneWithNewIds), so the reducer stays deterministic and actions can be logged or
 * replayed. An action that would break the document is refused: the state comes back unchanged.
 */
export type DesignerAction =
  /** `index` is the position among the new siblings; out-of-range values are clamped. */
  | { type: "add_block"; block: Block; parentId: string | null; index: number }
  /** `index` is the block's final position among its new siblings (sortable semantics). */
  | { type: "move_block"; id: string; parentId: string | null; index: number }
  | { type: "move_up"; id: string }
  | { type: "move_down"; id: string }
  | { type: "update_block"; id: string; patch: BlockPatch }
  /**
   * Typing: consecutive edits with the same coalesceKey make one undo step. Changing a language
   * that was current marks the text's other languages as possibly out of date (translation-edits.ts).
   */
  | { type: "set_text"; id: string; field: LocalizedTextField; locale: Locale; value: string; coalesceKey?: string }
  | { type: "set_rich_text"; id: string; locale: Locale; doc: RichTextDoc; coalesceKey?: string }
  /** Clears the "may be out of date" mark of one language of a text. */
  | { type: "mark_translation_current"; id: string; field: TranslatableField; locale: Locale }
  /** Inserts `copy` (from cloneWithNewIds) right after block `id`. */
  | { type: "duplicate_block"; id: string; copy: Block }
  | { type: "delete_block"; id: string }
  | { type: "select"; id: string | null }
  | { type: "set_theme"; patch: ThemePatch }
  | { type: "set_kind"; kind: ExperienceKind }
  | { type: "set_locales"; locales: Locale[]; defaultLocale: Locale }
  /** Google Consent Mode signal → purposes (lib/experience/consent-mode.ts); empty removes the mapping. */
  | { type: "set_consent_mode"; consentMode: ConsentMode }
  | { type: "set_preview_locale"; locale: Locale }
  /** Which region the canvas previews (its variant applied); null = the shared document. Not an edit. */
  | { type: "set_preview_region"; region: RegionCode | null }
  /** Region variants (lib/experience/variants.ts): what one region changes; `null` values follow the shared document. */
  | { type: "set_block_hidden"; region: RegionCode; id: string; hidden: boolean }
  | { type: "set_variant_default_on"; region: RegionCode; id: string; defaultOn: boolean | null }
  | { type: "set_variant_locales"; region: RegionCode; locales: Locale[] | null; defaultLocale: Locale | null }
  | { type: "set_variant_position"; region: RegionCode; position: ThemePosition | null }
  | { type: "reset_variant"; region: RegionCode }
  | { type: "undo" }
  | { type: "redo" }
  /** Replaces the document and forgets history: after a reload or a save conflict. */
  | { type: "load"; document: ExperienceDocument };

