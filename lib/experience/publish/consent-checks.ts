import type { ButtonBlock } from "../blocks/consent";
import { DECISION_ACTIONS } from "../blocks/consent";
import type { ExperienceCatalog } from "../catalog";
import type { ExperienceDocument } from "../document";
import { walkBlocks } from "../tree";
import type { PublishProblem } from "./problems";

/**
 * Bindings to the catalog, and the consent rules behind them: a required (locked) control
 * only for purposes the catalog calls necessary (PIPL art. 16), nothing optional pre-ticked
 * (GDPR Recital 32, GB/T 42574), one control per purpose.
 */
export function purposeProblems(document: ExperienceDocument, catalog: ExperienceCatalog): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const toggled = new Set<string>();
  for (const { block } of walkBlocks(document)) {
    const blockId = block.id;
    if (block.type === "purpose_toggle") {
      if (!block.required && block.defaultOn) problems.push({ code: "purpose_default_on", blockId });
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
export function decisionProblems(document: ExperienceDocument): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const visits = walkBlocks(document);
  const buttons = visits.flatMap(({ block }) => (block.type === "button" ? [block] : []));
  if (!buttons.some((button) => DECISION_ACTIONS.includes(button.action))) problems.push({ code: "no_decision_button" });

  const byLayer = buttonsByLayer(document);
  for (const layerButtons of byLayer.values()) {
    const accepts = layerButtons.filter((button) => button.action === "accept_all");
    const rejects = layerButtons.filter((button) => button.action === "reject_all");
    const [firstAccept] = accepts;
    if (firstAccept === undefined) continue;
    if (rejects.length === 0) {
      if (document.kind !== "preference_page") problems.push({ code: "reject_missing", blockId: firstAccept.id });
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
