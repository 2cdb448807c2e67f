import { allBlocks } from "@/lib/renderer-model/choices";
import type { Block, ConsentChoices, ExperienceDocument } from "@/components/renderer/types";
import type { CentreChange, CentrePreferences, PurposeStatus } from "@/lib/preference-centre/types";

/*
 * Between the person's recorded state and the renderer's choices: the centre draws the live
 * experience with `choices` prefilled from what the person chose before, and turns what they
 * save back into a change. Pure; shared by the page (server) and the centre (client).
 */

const GIVEN_STATES = new Set(["given", "renewed_given", "requested"]);

/**
 * The document as the centre shows it: the person is already identified, so no identity field;
 * and the experience sits in the centre's "Change your choices" section (an h2) under the page's
 * own h1, so its headings become h3s and the page keeps one h1 and an unbroken outline.
 */
export function centreDocument(document: ExperienceDocument): ExperienceDocument {
  const strip = (blocks: Block[]): Block[] =>
    blocks
      .filter((block) => block.type !== "identity_field")
      .map((block) =>
        block.type === "container" || block.type === "preferences_layer"
          ? { ...block, blocks: strip(block.blocks) }
          : block.type === "heading"
            ? { ...block, level: 3 }
            : block,
      ) as Block[];
  return { ...document, blocks: strip(document.blocks) };
}

/** What the renderer starts from: each toggle on where consent is given, channels and preferences as stored. */
export function choicesFromState(document: ExperienceDocument, states: readonly PurposeStatus[], preferences: CentrePreferences | null): ConsentChoices {
  const given = new Set(states.filter((s) => GIVEN_STATES.has(s.state)).map((s) => s.purposeId));
  const purposes: Record<string, boolean> = {};
  const channels: ConsentChoices["channels"] = {};
  for (const block of allBlocks(document.blocks)) {
    if (block.type === "purpose_toggle" && block.purposeId) purposes[block.purposeId] = given.has(block.purposeId);
    if (block.type === "channel_preferences") {
      const key = block.scope.kind === "global" ? "global" : block.scope.purposeId;
      if (!key) continue;
      const stored = preferences?.channels[key === "global" ? "*" : key];
      // No stored restriction means every channel is allowed: show the offered ones as allowed while consent stands.
      const anyGiven = key === "global" ? given.size > 0 : given.has(key);
      channels[key] = stored ? block.channels.filter((channel) => stored.includes(channel)) : anyGiven ? [...block.channels] : [];
    }
  }
  return {
    purposes,
    channels,
    topics: preferences?.topics ?? [],
    frequencyCap: preferences?.frequencyCap ?? null,
    quietHours: preferences?.quietHours ?? null,
    identity: null,
  };
}

/** What saving the renderer's choices records: every purpose the document shows, and the preferences it offers. */
export function changeFromChoices(document: ExperienceDocument, choices: ConsentChoices, method: CentreChange["method"]): CentreChange {
  const blocks = allBlocks(document.blocks);
  const decisions = new Map<string, boolean>();
  for (const block of blocks) {
    if (block.type !== "purpose_toggle" || !block.purposeId || decisions.has(block.purposeId)) continue;
    decisions.set(block.purposeId, block.required || choices.purposes[block.purposeId] === true);
  }
  const types = new Set(blocks.map((block) => block.type));
  const preferences: NonNullable<CentreChange["preferences"]> = {};
  const channels: Record<string, ConsentChoices["channels"][string]> = {};
  for (const [key, allowed] of Object.entries(choices.channels)) {
    if (!key.startsWith("unbound:")) channels[key === "global" ? "*" : key] = allowed;
  }
  if (Object.keys(channels).length > 0) preferences.channels = channels;
  if (types.has("topic_subscriptions")) preferences.topics = choices.topics;
  if (types.has("frequency_cap")) preferences.frequencyCap = choices.frequencyCap;
  if (types.has("quiet_hours")) preferences.quietHours = choices.quietHours;
  return {
    method,
    decisions: [...decisions].map(([purposeId, given]) => ({ purposeId, given })),
    ...(Object.keys(preferences).length > 0 ? { preferences } : {}),
  };
}
