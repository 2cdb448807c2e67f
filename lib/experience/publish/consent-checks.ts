import type { ButtonBlock } from "../blocks/consent";
import { DECISION_ACTIONS } from "../blocks/consent";
import type { ExperienceDocument } from "../document";
import { walkBlocks } from "../tree";
import { STRICT_PUBLISH_RULES, type PublishCatalog, type PublishProblem, type PublishRules } from "./problems";

/**
 * Bindings to the catalog, and the consent rules behind them: a required (locked) control
 * only for purposes the catalog calls necessary (PIPL art. 16), one control per purpose, and
 * as the region's rules say: nothing optional pre-ticked (GDPR Recital 32, GB/T 42574; not
 * under California's opt-out model), separate consent in a control of its own.
 */
export function purposeProblems(document: ExperienceDocument, catalog: PublishCatalog, rules: PublishRules = STRICT_PUBLISH_RULES): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const toggled = new Set<string>();
  for (const { block } of walkBlocks(document)) {
    const blockId = block.id;
    if (block.type === "purpose_toggle") {
      if (rules.noPreTicked && !block.required && block.defaultOn) problems.push({ code: "purpose_default_on", blockId });
      const purposeId = block.purposeId;
      if (purposeId === null) {
        problems.push({ code: "unbound_purpose", blockId });
        continue;
      }
      const purpose = catalog.purposes.find((candidate) => candidate.id === purposeId);
      if (purpose === undefined) problems.push({ code: "unknown_purpose", blockId, purposeId });
      else if (block.required && !purpose.necessary) problems.push({ code: "required_not_necessary", blockId, purposeId });
      if (toggled.has(purposeId)) problems.push({ code: "duplicate_purpose", blockId, purposeId });
      toggled.add(purposeId);
    }
    if (block.type === "channel_preferences" && block.scope.kind === "purpose") {
      const purposeId = block.scope.purposeId;
      if (purposeId === null) problems.push({ code: "unbound_purpose", blockId });
      else if (!catalog.purposes.some((candidate) => candidate.id === purposeId)) {
        problems.push({ code: "unknown_purpose", blockId, purposeId });
      }
    }
  }
  if (rules.separateConsent) problems.push(...separateConsentProblems(document, catalog, rules));
  problems.push(...personalisedMarketingProblems(document, catalog));
  return problems;
}

/**
 * Marketing by automated decision must come with a way to refuse the personalisation (PIPL art.
 * 24): wherever an experience offers a personalised-marketing purpose, it also offers that
 * purpose's own toggle the person can turn off — so refusing it leaves the rest of their choices
 * (the non-personalised service and messages) as they are. In every region. A toggle locked on
 * for a purpose the catalog wrongly calls necessary is caught here; for other purposes
 * `required_not_necessary` already says so.
 */
function personalisedMarketingProblems(document: ExperienceDocument, catalog: PublishCatalog): PublishProblem[] {
  const personalised = new Map(catalog.purposes.filter((purpose) => purpose.personalisedMarketing === true).map((purpose) => [purpose.id, purpose]));
  if (personalised.size === 0) return [];
  const visits = walkBlocks(document);
  const refusable = new Set<string>();
  for (const { block } of visits) {
    if (block.type === "purpose_toggle" && block.purposeId !== null && personalised.has(block.purposeId) && !block.required) refusable.add(block.purposeId);
  }
  const problems: PublishProblem[] = [];
  for (const { block } of visits) {
    const purposeId =
      block.type === "purpose_toggle" ? block.purposeId : block.type === "channel_preferences" && block.scope.kind === "purpose" ? block.scope.purposeId : null;
    if (purposeId === null || refusable.has(purposeId)) continue;
    const purpose = personalised.get(purposeId);
    if (purpose === undefined) continue;
    if (block.type === "purpose_toggle" && !purpose.necessary) continue; // required_not_necessary
    problems.push({ code: "personalised_marketing_not_refusable", blockId: block.id, purposeId });
  }
  return problems;
}

/**
 * Separate consent (PIPL art. 23, 25, 29, 39; GDPR Art. 9(2)(a)) is its own affirmative act: a
 * flagged purpose needs its own toggle, neither locked on nor ticked in advance, and is never
 * reached only through another control (channels asked for it), which "accept all" would grant.
 */
function separateConsentProblems(document: ExperienceDocument, catalog: PublishCatalog, rules: PublishRules): PublishProblem[] {
  const separate = new Set(catalog.purposes.filter((purpose) => purpose.separateConsent === true).map((purpose) => purpose.id));
  if (separate.size === 0) return [];
  const visits = walkBlocks(document);
  const ownToggle = new Set<string>();
  const problems: PublishProblem[] = [];
  for (const { block } of visits) {
    if (block.type !== "purpose_toggle" || block.purposeId === null || !separate.has(block.purposeId)) continue;
    // A pre-ticked toggle is already reported as purpose_default_on where the region forbids it.
    if (block.required || (block.defaultOn && !rules.noPreTicked)) problems.push({ code: "separate_consent_bundled", blockId: block.id, purposeId: block.purposeId });
    else ownToggle.add(block.purposeId);
  }
  for (const { block } of visits) {
    if (block.type !== "channel_preferences" || block.scope.kind !== "purpose") continue;
    const purposeId = block.scope.purposeId;
    if (purposeId !== null && separate.has(purposeId) && !ownToggle.has(purposeId)) {
      problems.push({ code: "separate_consent_bundled", blockId: block.id, purposeId });
    }
  }
  return problems;
}

/** Buttons grouped by the screen they are on: null = first layer, else the preferences layer's id. */
function buttonsByLayer(document: ExperienceDocument): Map<string | null, ButtonBlock[]> {
  const layerOf = new Map<string, string | null>();
  const byLayer = new Map<string | null, ButtonBlock[]>();
  for (const { block, parentId } of walkBlocks(document)) {
    const layer = block.type === "preferences_layer" ? block.id : parentId === null ? null : (layerOf.get(parentId) ?? null);
    layerOf.set(block.id, layer);
    if (block.type === "button") byLayer.set(layer, [...(byLayer.get(layer) ?? []), block]);
  }
  return byLayer;
}

/**
 * Whether a person can actually decide, and refuse as easily as accept: reject beside accept on
 * the same screen with the same emphasis (EDPB cookie banner taskforce 2023, CCPA 11 CCR 7004,
 * PIPL art. 15-16).
 */
export function decisionProblems(document: ExperienceDocument, rules: PublishRules = STRICT_PUBLISH_RULES): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const visits = walkBlocks(document);
  const buttons = visits.flatMap(({ block }) => (block.type === "button" ? [block] : []));
  if (!buttons.some((button) => DECISION_ACTIONS.includes(button.action))) problems.push({ code: "no_decision_button" });

  // Where the region asks for it, reject beside every accept; and wherever both are on one screen,
  // in every region, with the same emphasis: dropping the first rule never drops the second.
  const byLayer = buttonsByLayer(document);
  for (const layerButtons of byLayer.values()) {
    const accepts = layerButtons.filter((button) => button.action === "accept_all");
    const rejects = layerButtons.filter((button) => button.action === "reject_all");
    const [firstAccept] = accepts;
    if (firstAccept === undefined) continue;
    if (rejects.length === 0) {
      if (rules.rejectOnFirstLayer && document.kind !== "preference_page") problems.push({ code: "reject_missing", blockId: firstAccept.id });
      continue;
    }
    for (const reject of rejects) {
      if (accepts.some((accept) => accept.emphasis !== reject.emphasis)) problems.push({ code: "unequal_prominence", blockId: reject.id });
    }
  }

  const firstLayerButtons = byLayer.get(null) ?? [];
  const layers = visits.filter(({ block }) => block.type === "preferences_layer");
  if (!firstLayerButtons.some((button) => button.action === "open_preferences")) {
    for (const { block } of layers) problems.push({ code: "preferences_layer_unreachable", blockId: block.id });
  }
  if (layers.length === 0) {
    for (const button of buttons) {
      if (button.action === "open_preferences") problems.push({ code: "preferences_layer_missing", blockId: button.id });
    }
  }
  if (document.kind === "preference_page" && !visits.some(({ block }) => block.type === "identity_field")) {
    problems.push({ code: "identity_missing" });
  }
  return problems;
}
