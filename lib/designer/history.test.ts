import { describe, expect, it } from "vitest";
import { emptyDocument } from "@/lib/experience";
import { HISTORY_LIMIT } from "./state";
import { divider, run, start } from "./test-support";

describe("undo / redo", () => {
  it("round-trips to the exact documents", () => {
    const s0 = start();
    const s1 = run(s0, { type: "move_down", id: "a" });
    const s2 = run(s1, { type: "add_block", block: divider("new"), parentId: "box", index: 0 });
    const s3 = run(s2, { type: "set_theme", patch: { radius: 0 } });
    const undone = run(s3, { type: "undo" }, { type: "undo" }, { type: "undo" });
    expect(undone.document).toBe(s0.document);
    expect(undone.future).toEqual([s1.document, s2.document, s3.document]);
    const redone = run(undone, { type: "redo" }, { type: "redo" }, { type: "redo" });
    expect(redone.document).toBe(s3.document);
    expect(redone.past).toEqual([s0.document, s1.document, s2.document]);
  });

  it("does nothing with nothing to undo or redo", () => {
    const s0 = start();
    expect(run(s0, { type: "undo" })).toBe(s0);
    expect(run(s0, { type: "redo" })).toBe(s0);
  });

  it("forgets the redo stack on a new edit", () => {
    const state = run(start(), { type: "move_down", id: "a" }, { type: "undo" }, { type: "move_down", id: "b" });
    expect(state.future).toEqual([]);
    expect(run(state, { type: "redo" })).toBe(state);
  });

  it("clears a selection the restored document no longer has", () => {
    const added = run(start(), { type: "add_block", block: divider("new"), parentId: null, index: 0 });
    expect(added.selectedId).toBe("new");
    const undone = run(added, { type: "undo" });
    expect(undone.selectedId).toBeNull();
    expect(run(undone, { type: "redo" }).selectedId).toBeNull();
  });

  it("moves the preview back to an offered language when undo removes one", () => {
    const state = run(start(), { type: "set_locales", locales: ["en", "zh-CN", "ja"], defaultLocale: "en" }, { type: "set_preview_locale", locale: "ja" });
    expect(state.previewLocale).toBe("ja");
    expect(run(state, { type: "undo" }).previewLocale).toBe("en");
  });

  it("keeps at most HISTORY_LIMIT steps, dropping the oldest", () => {
    let state = start();
    const after: (typeof state.document)[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      state = run(state, { type: "set_theme", patch: { radius: i % 2 === 0 ? 1 : 2 } });
      after.push(state.document);
    }
    expect(state.past).toHaveLength(HISTORY_LIMIT);
    let undone = state;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) undone = run(undone, { type: "undo" });
    expect(undone.past).toHaveLength(0);
    // The five oldest steps are gone: undo stops at the document after the fifth edit.
    expect(undone.document).toBe(after[4]);
  });
});

describe("selection and preview language", () => {
  it("do not touch history", () => {
    const s0 = start();
    const state = run(s0, { type: "select", id: "x" }, { type: "set_preview_locale", locale: "zh-CN" });
    expect(state).toMatchObject({ selectedId: "x", previewLocale: "zh-CN", past: [], future: [] });
    expect(state.document).toBe(s0.document);
  });

  it("refuse a block or language the document does not have", () => {
    const s0 = start();
    expect(run(s0, { type: "select", id: "missing" })).toBe(s0);
    expect(run(s0, { type: "set_preview_locale", locale: "ko" })).toBe(s0);
    expect(run(run(s0, { type: "select", id: "x" }), { type: "select", id: null }).selectedId).toBeNull();
  });
});

describe("load", () => {
  it("replaces the document and clears history, keeping a selection that still exists", () => {
    const edited = run(start(), { type: "select", id: "a" }, { type: "move_down", id: "a" }, { type: "undo" }, { type: "move_down", id: "b" });
    const reloaded = start().document;
    const state = run(edited, { type: "load", document: reloaded });
    expect(state).toMatchObject({ document: reloaded, past: [], future: [], selectedId: "a", lastCoalesceKey: null });
    const other = emptyDocument("popup", ["zh-TW"], "zh-TW");
    expect(run(edited, { type: "load", document: other })).toMatchObject({ selectedId: null, previewLocale: "zh-TW" });
  });
});
