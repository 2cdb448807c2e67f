import { initialChoices } from "@/lib/renderer-model/choices";
import type { ExperienceDocument } from "@/lib/experience";
import type { Channel, ConsentChoices } from "@/lib/renderer-model/types";

/*
 * The visitor's choices live in the server-rendered inputs themselves (native checkboxes and
 * switches); the renderer marks what each stands for: data-csy-purpose, data-csy-channel (with
 * the channel as its value) and data-csy-topic.
 */

const inputs = (root: ParentNode, attribute: string) => Array.from(root.querySelectorAll<HTMLInputElement>(`input[${attribute}]`));

/** The choices the inputs under `root` show, on the shape the document defines. */
export function readChoices(root: ParentNode, document: ExperienceDocument): ConsentChoices {
  const choices = initialChoices(document);
  for (const input of inputs(root, "data-csy-purpose")) choices.purposes[input.dataset.csyPurpose!] = input.checked;
  for (const input of inputs(root, "data-csy-channel")) {
    const key = input.dataset.csyChannel!;
    const allowed = (choices.channels[key] ??= []);
    if (input.checked) allowed.push(input.value as Channel);
  }
  for (const input of inputs(root, "data-csy-topic")) if (input.checked) choices.topics.push(input.dataset.csyTopic!);
  return choices;
}

/** Shows `choices` in the inputs under `root`; locked (required) switches stay as drawn. */
export function showChoices(root: ParentNode, choices: ConsentChoices): void {
  for (const input of inputs(root, "data-csy-purpose")) {
    const given = choices.purposes[input.dataset.csyPurpose!];
    if (!input.disabled && given !== undefined) input.checked = given;
  }
  for (const input of inputs(root, "data-csy-channel")) {
    input.checked = (choices.channels[input.dataset.csyChannel!] ?? []).includes(input.value as Channel);
  }
  for (const input of inputs(root, "data-csy-topic")) input.checked = choices.topics.includes(input.dataset.csyTopic!);
}
