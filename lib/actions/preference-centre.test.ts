import { describe, expect, it } from "vitest";
import { saveCentreChoicesAction, withdrawAllAction } from "./preference-centre";

/**
 * Issue 15, item 8: a Server Action's arguments are whatever a caller posts. Malformed ones are
 * `invalid_input`, as the forms' own validation says, never `unexpected` (a crash). They are
 * refused before any database or request state is touched, which is what lets this run without one.
 */
const MALFORMED_PAGES: unknown[] = [
  null,
  "p",
  42,
  [],
  {},
  { publicId: 42, locale: "en" },
  { publicId: "a".repeat(200), locale: "en" },
  { publicId: "abc\u0000def", locale: "en" },
  { publicId: "x00000000000000000000", locale: "klingon" },
  { publicId: "x00000000000000000000" },
];

describe("preference centre actions with malformed arguments", () => {
  it.each(MALFORMED_PAGES.map((page) => [JSON.stringify(page) ?? String(page), page]))("withdraw all, page %s → invalid_input", async (_, page) => {
    expect(await withdrawAllAction(page as { publicId: string; locale: string })).toEqual({ ok: false, error: "invalid_input" });
  });

  it.each(MALFORMED_PAGES.map((page) => [JSON.stringify(page) ?? String(page), page]))("save, page %s → invalid_input", async (_, page) => {
    expect(await saveCentreChoicesAction(page as { publicId: string; locale: string }, { decisions: [] } as never)).toEqual({ ok: false, error: "invalid_input" });
  });

  it("save with a malformed change → invalid_input", async () => {
    const page = { publicId: "x00000000000000000000", locale: "en" };
    for (const change of [null, "all", { decisions: "yes" }, { decisions: [{ purposeId: 1, given: "maybe" }] }]) {
      expect(await saveCentreChoicesAction(page, change as never)).toEqual({ ok: false, error: "invalid_input" });
    }
  });
});
