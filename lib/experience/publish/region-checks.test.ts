import { describe, expect, it } from "vitest";
import type { Block } from "../blocks/block";
import { documentWith, PURPOSE, STANDARD_CATALOG } from "../test-support";
import { publishProblems, regionalPublishProblems } from "../validate-publish";
import type { ExperienceDocument } from "../document";
import type { RegionVariants } from "../variants";
import type { PublishCatalog, PublishRules } from "./problems";

// The region presets' publishing rules (lib/regions/presets.ts), written out: lib/experience
// does not import lib/regions.
const RULES: PublishRules[] = [
  { code: "CN", rejectOnFirstLayer: true, noPreTicked: true, separateConsent: true },
  { code: "EU", rejectOnFirstLayer: true, noPreTicked: true, separateConsent: true },
  { code: "US-CA", rejectOnFirstLayer: true, noPreTicked: false, separateConsent: false },
  { code: "HK", rejectOnFirstLayer: true, noPreTicked: true, separateConsent: false },
  { code: "DEFAULT", rejectOnFirstLayer: true, noPreTicked: true, separateConsent: true },
];
const both = (en: string, zh: string) => ({ en, "zh-CN": zh });
const toggle = (id: string, purposeId: string, options: { required?: boolean; defaultOn?: boolean } = {}): Block => ({
  id,
  type: "purpose_toggle",
  purposeId,
  required: options.required ?? false,
  defaultOn: options.defaultOn ?? false,
  label: both("Label", "标签"),
  description: {},
});
const button = (id: string, action: "accept_all" | "reject_all" | "save_choices", emphasis: "primary" | "secondary" = "primary"): Block => ({
  id,
  type: "button",
  action,
  label: both("Button", "按钮"),
  emphasis,
});
const heading: Block = { id: "h", type: "heading", text: both("Cookies", "Cookie"), level: 2 };
const banner = (blocks: Block[] = [], variants?: RegionVariants): ExperienceDocument => ({
  ...documentWith([heading, toggle("analytics", PURPOSE.analytics), button("accept", "accept_all"), button("reject", "reject_all"), ...blocks]),
  ...(variants ? { variants } : {}),
});
const SEPARATE: PublishCatalog = {
  ...STANDARD_CATALOG,
  purposes: STANDARD_CATALOG.purposes.map((purpose) => ({ ...purpose, separateConsent: purpose.key === "cross_border_transfer" })),
};
const popup = (document: ExperienceDocument): ExperienceDocument => ({ ...document, kind: "popup" });
const regional = (document: ExperienceDocument, catalog: PublishCatalog = STANDARD_CATALOG, rules = RULES) => regionalPublishProblems(document, catalog, rules);

describe("region rules decide what publishing requires", () => {
  it("a compliant banner is publishable everywhere", () => {
    expect(regional(banner())).toEqual([]);
  });

  it("a purpose ticked for everyone is refused in every opt-in region, allowed under California's opt-out model", () => {
    const ticked = banner([toggle("ads", PURPOSE.advertising, { defaultOn: true })]);
    expect(regional(ticked)).toEqual([{ code: "purpose_default_on", blockId: "ads", regions: ["CN", "EU", "HK", "DEFAULT"] }]);
    // Ticked only where the model allows it: publishable.
    const onlyCalifornia = banner([toggle("ads", PURPOSE.advertising)], { "US-CA": { defaultOn: { ads: true } } });
    expect(regional(onlyCalifornia)).toEqual([]);
    // Ticked by a CN variant: refused for CN alone.
    expect(regional(banner([], { CN: { defaultOn: { analytics: true } } }))).toEqual([{ code: "purpose_default_on", blockId: "analytics", regions: ["CN"] }]);
  });

  it("reject on the first layer with the same prominence: as each region's rule set says", () => {
    const noReject = banner().blocks.filter((block) => block.id !== "reject");
    expect(regional({ ...banner(), blocks: noReject })).toEqual([{ code: "reject_missing", blockId: "accept" }]);
    const loose = RULES.map((rules) => (rules.code === "HK" ? { ...rules, rejectOnFirstLayer: false } : rules));
    expect(regional({ ...banner(), blocks: noReject }, STANDARD_CATALOG, loose)).toEqual([{ code: "reject_missing", blockId: "accept", regions: ["CN", "EU", "US-CA", "DEFAULT"] }]);
    const unequal = banner().blocks.map((block) => (block.id === "reject" ? { ...block, emphasis: "secondary" } : block)) as Block[];
    // Equal prominence holds wherever accept and reject share a screen, even where the region lets reject go elsewhere.
    expect(regional({ ...banner(), blocks: unequal }, STANDARD_CATALOG, loose)).toEqual([{ code: "unequal_prominence", blockId: "reject" }]);
    // A variant hiding reject for the EU only.
    expect(regional(banner([], { EU: { hiddenBlocks: ["reject"] } }))).toEqual([{ code: "reject_missing", blockId: "accept", regions: ["EU"] }]);
  });

  it("separate consent: its own control, never locked on, never only through channels", () => {
    const channels: Block = { id: "ch", type: "channel_preferences", scope: { kind: "purpose", purposeId: PURPOSE.cross_border_transfer }, channels: ["email"], label: both("Channels", "渠道") } as Block;
    expect(regional(popup(banner([channels])), SEPARATE)).toEqual([{ code: "separate_consent_bundled", blockId: "ch", purposeId: PURPOSE.cross_border_transfer, regions: ["CN", "EU", "DEFAULT"] }]);
    expect(regional(popup(banner([toggle("xb", PURPOSE.cross_border_transfer), channels])), SEPARATE)).toEqual([]);
    // Hiding its toggle in CN bundles it again there.
    expect(regional(popup(banner([toggle("xb", PURPOSE.cross_border_transfer), channels], { CN: { hiddenBlocks: ["xb"] } })), SEPARATE)).toEqual([
      { code: "separate_consent_bundled", blockId: "ch", purposeId: PURPOSE.cross_border_transfer, regions: ["CN"] },
    ]);
    const locked = regional(banner([toggle("xb", PURPOSE.cross_border_transfer, { required: true, defaultOn: true })]), SEPARATE);
    expect(locked).toContainEqual({ code: "separate_consent_bundled", blockId: "xb", purposeId: PURPOSE.cross_border_transfer, regions: ["CN", "EU", "DEFAULT"] });
    // The catalog without separate-consent flags (as templates see it) finds nothing to say.
    expect(publishProblems(popup(banner([channels])), STANDARD_CATALOG)).toEqual([]);
  });

  it("a variant that hides every decision button, or names a language the experience does not offer", () => {
    expect(regional(banner([], { HK: { hiddenBlocks: ["accept", "reject"] } }))).toEqual([{ code: "variant_hides_decisions", regions: ["HK"] }]);
    expect(regional(banner([], { CN: { locales: ["zh-CN", "fr"], defaultLocale: "zh-CN" } }))).toEqual([
      { code: "variant_locale_not_offered", field: "locales", locale: "fr", regions: ["CN"] },
    ]);
    expect(regional(banner([], { EU: { locales: ["en"], defaultLocale: "zh-CN" } }))).toEqual([
      { code: "variant_locale_not_offered", field: "defaultLocale", locale: "zh-CN", regions: ["EU"] },
    ]);
  });

  it("translations are needed in the languages a region offers", () => {
    const half = banner().blocks.map((block) => (block.id === "h" ? { ...block, text: { en: "Cookies", "zh-CN": "" } } : block)) as Block[];
    // Only the EU variant leaves Chinese out: every other region still needs it.
    expect(regional({ ...banner(), blocks: half, variants: { EU: { locales: ["en"] } } })).toEqual([
      { code: "missing_translation", blockId: "h", field: "text", locale: "zh-CN", regions: ["CN", "US-CA", "HK", "DEFAULT"] },
    ]);
  });
});
