import { diffArrays } from "diff";
import type { Locale } from "../experience/localized";
import { plainTextOf, type RichTextDoc } from "../experience/rich-text";

/**
 * What changed between two versions of a notice, in the words a reader sees (`plainTextOf`:
 * one line per paragraph or list item; formatting and link addresses are not compared).
 *
 * The text is cut into words with `Intl.Segmenter` for the notice's language, so Chinese and
 * Japanese (no spaces between words) diff by word rather than by whole sentence; whitespace and
 * punctuation are tokens of their own, so joining all parts gives back the texts exactly.
 * Pure: runs in the browser and on the server.
 */

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Words, whitespace and punctuation, in order; `tokens.join("") === text`. */
export function wordTokens(text: string, locale: Locale): string[] {
  if (text === "") return [];
  if (typeof Intl !== "undefined" && typeof Intl.Segmenter === "function") {
    return Array.from(new Intl.Segmenter(locale, { granularity: "word" }).segment(text), (segment) => segment.segment);
  }
  // Without Intl.Segmenter (old engines): runs of letters/digits, CJK characters one by one,
  // and every other character on its own.
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+|[^]/gu) ?? [];
}

/**
 * The parts of the old and new text, in reading order: `same` text is in both, `removed` only
 * in `before`, `added` only in `after`. Adjacent parts of one kind are merged; a missing or
 * empty version counts as empty text (so a first version is all `added`).
 */
export function diffNoticeText(before: RichTextDoc | undefined, after: RichTextDoc | undefined, locale: Locale): DiffPart[] {
  const oldTokens = wordTokens(before === undefined ? "" : plainTextOf(before), locale);
  const newTokens = wordTokens(after === undefined ? "" : plainTextOf(after), locale);
  const parts: DiffPart[] = [];
  for (const change of diffArrays(oldTokens, newTokens)) {
    const kind: DiffPart["kind"] = change.added ? "added" : change.removed ? "removed" : "same";
    push(parts, kind, change.value.join(""));
  }
  return joinChangedPhrases(parts);
}

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string): void {
  if (text === "") return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * "phone number" → "email address" diffs word by word as -phone +email " " -number +address;
 * a reader wants -"phone number" +"email address". Spaces (never line breaks) between two
 * changes are folded into both sides, and each run of changes becomes one removed part then
 * one added part. Old text is still `same + removed`, new text `same + added`, in order.
 */
function joinChangedPhrases(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    push(out, "removed", removed);
    push(out, "added", added);
    removed = "";
    added = "";
  };
  parts.forEach((part, index) => {
    if (part.kind === "removed") removed += part.text;
    else if (part.kind === "added") added += part.text;
    else {
      const next = parts[index + 1];
      const between = (removed !== "" || added !== "") && next !== undefined && next.kind !== "same";
      if (between && /^[^\S\n]+$/.test(part.text)) {
        removed += part.text;
        added += part.text;
      } else {
        flush();
        push(out, "same", part.text);
      }
    }
  });
  flush();
  return out;
}

/** Characters (Unicode code points, so one per Chinese character or emoji) added and removed. */
export function diffSummary(parts: readonly DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    const length = Array.from(part.text).length;
    if (part.kind === "added") added += length;
    else if (part.kind === "removed") removed += length;
  }
  return { added, removed };
}
