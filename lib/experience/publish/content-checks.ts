import { blockCatalogEntry } from "../block-catalog";
import type { Block } from "../blocks/block";
import { LOCALIZED_FIELDS_BY_TYPE, localizedTextOf, type LocalizedTextField } from "../blocks/block";
import type { ExperienceCatalog } from "../catalog";
import type { ExperienceDocument } from "../document";
import { hasText } from "../localized";
import { plainTextOf } from "../rich-text";
import { walkBlocks } from "../tree";
import type { PublishProblem } from "./problems";

// Shown only when filled in: a notice placeholder never reaches the public (the notice
// replaces it), and a purpose's description may be carried by the notice instead.
const OPTIONAL_TEXT: Partial<Record<Block["type"], readonly LocalizedTextField[]>> = {
  notice: ["placeholder"],
  purpose_toggle: ["description"],
};

/** Every offered language needs every shown text; the default locale is no excuse. */
export function translationProblems(document: ExperienceDocument): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const logo = document.theme.logo;
  if (logo !== null) {
    for (const locale of document.locales) {
      if (!hasText(logo.alt, locale)) problems.push({ code: "missing_translation", field: "theme.logo.alt", locale });
    }
  }
  for (const { block } of walkBlocks(document)) {
    const optional = OPTIONAL_TEXT[block.type] ?? [];
    for (const field of LOCALIZED_FIELDS_BY_TYPE[block.type]) {
      const text = localizedTextOf(block, field);
      if (text === null || optional.includes(field)) continue;
      for (const locale of document.locales) {
        if (!hasText(text, locale)) problems.push({ code: "missing_translation", blockId: block.id, field, locale });
      }
    }
    if (block.type === "rich_text") {
      for (const locale of document.locales) {
        const doc = block.content[locale];
        if (doc === undefined || plainTextOf(doc).trim() === "") {
          problems.push({ code: "missing_translation", blockId: block.id, field: "content", locale });
        }
      }
    }
  }
  return problems;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function blockContentProblems(block: Block, catalog: ExperienceCatalog, showsNotice: boolean): PublishProblem[] {
  const blockId = block.id;
  switch (block.type) {
    case "notice":
      return block.noticeId === null ? [{ code: "notice_not_chosen", blockId }] : [];
    case "link":
      // A privacy-policy link without an address leads to the page of the notice shown beside it;
      // without a notice it needs the address of the policy (said so, with both ways out).
      if (block.href !== "") return [];
      if (block.linkType !== "privacy_policy") return [{ code: "missing_url", blockId, field: "href" }];
      return showsNotice ? [] : [{ code: "privacy_link_unset", blockId, field: "href" }];
    case "image":
      return block.src === "" ? [{ code: "missing_url", blockId, field: "src" }] : [];
    case "container":
    case "preferences_layer":
      return block.blocks.length === 0 ? [{ code: "empty_container", blockId }] : [];
    case "topic_subscriptions":
      if (block.topicIds.length === 0) return [{ code: "no_topics", blockId }];
      return block.topicIds
        .filter((topicId) => !catalog.topics.some((topic) => topic.id === topicId))
        .map((topicId) => ({ code: "unknown_topic", blockId, topicId }));
    case "frequency_cap":
      return block.choices.length === 0 ? [{ code: "no_choices", blockId }] : [];
    case "quiet_hours":
      return block.timeZone === "subject" || isKnownTimeZone(block.timeZone)
        ? []
        : [{ code: "unknown_time_zone", blockId, timeZone: block.timeZone }];
    default:
      return [];
  }
}

/** Content that is unfinished, points nowhere, or does not belong in this kind of experience. */
export function contentProblems(document: ExperienceDocument, catalog: ExperienceCatalog): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (document.theme.logo !== null && document.theme.logo.src === "") {
    problems.push({ code: "missing_url", field: "theme.logo.src" });
  }
  // A notice block still without its notice is reported once, as notice_not_chosen.
  const showsNotice = walkBlocks(document).some(({ block }) => block.type === "notice");
  for (const { block } of walkBlocks(document)) {
    if (!blockCatalogEntry(block.type).allowedIn.includes(document.kind)) {
      problems.push({ code: "block_not_allowed", blockId: block.id, kind: document.kind });
    }
    problems.push(...blockContentProblems(block, catalog, showsNotice));
  }
  return problems;
}
