import type { Block, BlockOfType, ExperienceDocument } from "@/lib/experience";
import type { ButtonAction, ConsentChoices, RendererCatalog } from "./types";

/** Every block in reading order, including those inside containers and the preferences layer. */
export function allBlocks(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((block) =>
    block.type === "container" || block.type === "preferences_layer" ? [block, ...allBlocks(block.blocks)] : [block],
  );
}

function blocksOf<T extends Block["type"]>(document: ExperienceDocument, type: T): BlockOfType<T>[] {
  return allBlocks(document.blocks).filter((block): block is BlockOfType<T> => block.type === type);
}

/**
 * Where a toggle keeps its state. A draft toggle not yet bound to a purpose still works in the
 * designer's preview under its own key; publishing refuses unbound toggles, so live pages never
 * see these keys.
 */
export function purposeKey(block: BlockOfType<"purpose_toggle">): string {
  return block.purposeId ?? `unbound:${block.id}`;
}

export function channelKey(block: BlockOfType<"channel_preferences">): string {
  if (block.scope.kind === "global") return "global";
  return block.scope.purposeId ?? `unbound:${block.id}`;
}

/** Required purposes: locked on, whatever the subject does. */
function requiredKeys(document: ExperienceDocument): Set<string> {
  return new Set(blocksOf(document, "purpose_toggle").filter((b) => b.required).map(purposeKey));
}

/**
 * The state before the subject does anything: required purposes on, `defaultOn` respected
 * (publishing forbids it where the region does), every channel, topic and limit off.
 */
export function initialChoices(document: ExperienceDocument): ConsentChoices {
  const purposes: Record<string, boolean> = {};
  for (const toggle of blocksOf(document, "purpose_toggle")) {
    const key = purposeKey(toggle);
    purposes[key] = (purposes[key] ?? false) || toggle.required || toggle.defaultOn;
  }
  const channels: Record<string, ConsentChoices["channels"][string]> = {};
  for (const block of blocksOf(document, "channel_preferences")) channels[channelKey(block)] = [];
  return { purposes, channels, topics: [], frequencyCap: null, quietHours: null, identity: null };
}

/**
 * `choices` made whole for the current document: toggles added since the state began get their
 * defaults, and required purposes are on even if a controlled caller said otherwise.
 */
export function completeChoices(document: ExperienceDocument, choices: ConsentChoices): ConsentChoices {
  const defaults = initialChoices(document);
  const purposes = { ...defaults.purposes, ...choices.purposes };
  for (const key of requiredKeys(document)) purposes[key] = true;
  return { ...choices, purposes, channels: { ...defaults.channels, ...choices.channels } };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** What a live page knows beyond the document when a button is pressed. */
export interface ActionContext {
  /** Purposes an honoured Global Privacy Control signal opted out of (lib/regions/gpc.ts). */
  gpcOptOut?: readonly string[];
}

/**
 * The choices a button records. Accept all turns on every purpose, channel and topic the
 * experience offers, except purposes needing separate consent and purposes an honoured GPC
 * signal opted out of, which keep their own answer: "accept all" bundles, and a bundle overrides
 * neither (switching such a purpose on by itself does). Reject all turns every optional purpose,
 * channel and topic off. Limits, quiet hours and the identity are preferences, not consent, and
 * are kept. Other actions change nothing. The one rule for the hosted page, the embed and previews.
 */
export function choicesForAction(
  document: ExperienceDocument,
  action: ButtonAction,
  current: ConsentChoices,
  catalog?: RendererCatalog,
  context: ActionContext = {},
): ConsentChoices {
  const choices = completeChoices(document, current);
  if (action !== "accept_all" && action !== "reject_all") return choices;
  const accept = action === "accept_all";
  const required = requiredKeys(document);
  const purposes: Record<string, boolean> = { ...choices.purposes };
  for (const toggle of blocksOf(document, "purpose_toggle")) {
    const key = purposeKey(toggle);
    if (required.has(key)) continue;
    const ownAnswerOnly =
      toggle.purposeId !== null &&
      (catalog?.purposes[toggle.purposeId]?.separateConsent === true || (context.gpcOptOut?.includes(toggle.purposeId) ?? false));
    purposes[key] = accept ? (ownAnswerOnly ? (choices.purposes[key] ?? false) : true) : false;
  }
  const channels: ConsentChoices["channels"] = {};
  for (const key of Object.keys(choices.channels)) channels[key] = accept ? (choices.channels[key] ?? []) : [];
  for (const block of blocksOf(document, "channel_preferences")) {
    const key = channelKey(block);
    channels[key] = accept ? unique([...(choices.channels[key] ?? []), ...block.channels]) : [];
  }
  const offeredTopics = blocksOf(document, "topic_subscriptions").flatMap((block) => block.topicIds);
  const topics = accept ? unique([...choices.topics, ...offeredTopics]) : [];
  return { ...choices, purposes, channels, topics };
}
