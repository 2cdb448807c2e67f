import { describe, expect, it } from "vitest";
import { counterIds, STANDARD_CATALOG } from "@/lib/experience/test-support";
import { marketingPreferenceCentre } from "@/lib/experience/templates";
import { walkBlocks } from "@/lib/experience/tree";
import { centreDocument } from "./centre-choices";

describe("centreDocument", () => {
  const document = marketingPreferenceCentre.create({ ids: counterIds(), locales: ["en"], defaultLocale: "en", catalog: STANDARD_CATALOG });
  const blocks = walkBlocks(centreDocument(document)).map(({ block }) => block);

  it("leaves out the identity field: the person is already identified", () => {
    expect(walkBlocks(document).some(({ block }) => block.type === "identity_field")).toBe(true);
    expect(blocks.some((block) => block.type === "identity_field")).toBe(false);
  });

  it("turns the experience's headings into h3s under the centre's own h1 and h2", () => {
    expect(walkBlocks(document).some(({ block }) => block.type === "heading" && block.level === 1)).toBe(true);
    const headings = blocks.filter((block) => block.type === "heading");
    expect(headings.length).toBeGreaterThan(0);
    expect(headings.every((block) => block.level === 3)).toBe(true);
  });
});
