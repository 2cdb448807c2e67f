import { describe, expect, it } from "vitest";
import type { Block } from "./blocks/block";
import { draftDocumentSchema } from "./document";
import { documentWith } from "./test-support";
import { findBlock } from "./tree";
import { applyVariant } from "./variants";

const toggle = (id: string, defaultOn = false): Block => ({ id, type: "purpose_toggle", purposeId: null, required: false, defaultOn, label: {}, description: {} });
const divider = (id: string): Block => ({ id, type: "divider" });
const base = () =>
  documentWith([divider("top"), { id: "box", type: "container", layout: "stack", columns: 2, blocks: [divider("inner"), toggle("t")] }], { locales: ["en", "zh-CN", "zh-TW"] });

describe("applyVariant", () => {
  it("without a variant, the shared document minus the variants", () => {
    const document = { ...base(), variants: { EU: { hiddenBlocks: ["top"] } } };
    expect(applyVariant(document, "CN")).toEqual(base());
    expect("variants" in applyVariant(document, "EU")).toBe(false);
  });

  it("hides blocks wherever they are nested, with everything inside them", () => {
    const document = { ...base(), variants: { CN: { hiddenBlocks: ["inner"] }, HK: { hiddenBlocks: ["box"] } } };
    expect(findBlock(applyVariant(document, "CN"), "inner")).toBeNull();
    expect(findBlock(applyVariant(document, "CN"), "t")).not.toBeNull();
    expect(findBlock(applyVariant(document, "HK"), "t")).toBeNull();
  });

  it("overrides purpose defaults, languages, default language and position", () => {
    const document = { ...base(), variants: { "US-CA": { defaultOn: { t: true }, locales: ["zh-TW" as const, "en" as const], defaultLocale: "zh-TW" as const, position: "top" as const } } };
    expect(draftDocumentSchema.safeParse(document).success).toBe(true);
    const california = applyVariant(document, "US-CA");
    expect(findBlock(california, "t")?.block).toMatchObject({ defaultOn: true });
    expect(california).toMatchObject({ locales: ["zh-TW", "en"], defaultLocale: "zh-TW", theme: { position: "top" } });
  });

  it("drops languages the document does not offer; falls back to the document's when none is left", () => {
    const document = { ...base(), variants: { EU: { locales: ["fr" as const, "en" as const], defaultLocale: "fr" as const }, CN: { locales: ["ja" as const] } } };
    expect(applyVariant(document, "EU")).toMatchObject({ locales: ["en"], defaultLocale: "en" });
    expect(applyVariant(document, "CN")).toMatchObject({ locales: ["en", "zh-CN", "zh-TW"], defaultLocale: "en" });
  });
});
