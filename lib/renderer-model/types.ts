import type { BlockOfType, LocalizedText } from "@/lib/experience";

/*
 * What the renderer draws from and hands back, without React: the hosted page, the embed's
 * browser script and the server share these, and the renderer (components/renderer) builds on
 * them. Only types come from "@/lib/experience": its modules build zod schemas at load time, and
 * the embeddable script must stay small. Type imports are erased.
 */

export type RendererMode = "preview" | "live";
export type ButtonAction = BlockOfType<"button">["action"];
export type Channel = BlockOfType<"channel_preferences">["channels"][number];
export type IdentifierKind = BlockOfType<"identity_field">["identifier"];
export type FrequencyPeriod = BlockOfType<"frequency_cap">["period"];

/** What the subject has chosen so far; what `onAction` hands over to be recorded. */
export interface ConsentChoices {
  /** Keyed by purpose id. Unbound draft toggles use `unbound:<blockId>` (drafts only). */
  purposes: Record<string, boolean>;
  /** Keyed by "global" or a purpose id: the channels the subject allows. */
  channels: Record<string, Channel[]>;
  topics: string[];
  frequencyCap: { max: number; period: FrequencyPeriod } | null;
  quietHours: { start: string; end: string; timeZone: string } | null;
  identity: { kind: IdentifierKind; value: string } | null;
}

export interface RendererCatalogPurpose {
  name: LocalizedText;
  description: LocalizedText;
  necessary: boolean;
  /**
   * Needs separate consent (PIPL art. 23/25/29/39, GDPR art. 9): "accept all" leaves it as it
   * is, so it is only ever given through its own control.
   */
  separateConsent?: boolean;
}

export interface RendererCatalog {
  purposes: Record<string, RendererCatalogPurpose>;
  topics: Record<string, { name: LocalizedText }>;
}

/** A notice version's text, sanitized by the server and already in the locale shown. */
export interface RendererNotice {
  title?: string;
  html: string;
  /** The approved notice's own public page: where a privacy-policy link without an address leads. */
  href?: string;
}
