import { describe, expect, it } from "vitest";
import { draftDocumentSchema } from "../document";
import type { Locale } from "../localized";
import { walkBlocks, type BlockTree } from "../tree";
import { publishProblems } from "../validate-publish";
import { counterIds, PURPOSE, STANDARD_CATALOG, TOPIC } from "../test-support";
import { euCookieBanner, marketingPreferenceCentre, piplFirstLaunchPopup, TEMPLATES } from "./index";

const ALL_SHIPPED: Locale[] = ["en", "zh-CN", "zh-TW"];
const create = (template: typeof euCookieBanner, locales: Locale[] = ALL_SHIPPED, catalog = STANDARD_CATALOG) =>
  template.create({ ids: counterIds(), locales, defaultLocale: locales[0]!, catalog });
const blocksOf = (document: BlockTree) => walkBlocks(document).map(({ block }) => block);

describe("TEMPLATES", () => {
  it("registers the three templates with their kinds", () => {
    expect(TEMPLATES.map(({ id, kind }) => [id, kind])).toEqual([
      ["eu_cookie_banner", "banner"],
      ["pipl_first_launch_popup", "popup"],
      ["marketing_preference_centre", "preference_page"],
    ]);
  });

  it.each(TEMPLATES.map((template) => [template.id, template] as const))("%s produces a valid draft of its kind with unique ids", (_id, template) => {
    const document = create(template);
    expect(draftDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.kind).toBe(template.kind);
  });

  it("publish as specified with the standard catalog: only the PIPL notice is left to choose", () => {
    expect(publishProblems(create(euCookieBanner), STANDARD_CATALOG)).toEqual([]);
    expect(publishProblems(create(marketingPreferenceCentre), STANDARD_CATALOG)).toEqual([]);
    const pipl = create(piplFirstLaunchPopup);
    const notice = blocksOf(pipl).find((block) => block.type === "notice")!;
    expect(publishProblems(pipl, STANDARD_CATALOG)).toEqual([{ code: "notice_not_chosen", blockId: notice.id }]);
  });

  it("ship copy in each shipped language alone too, and Traditional Chinese for zh-HK", () => {
    for (const locales of [["en"], ["zh-CN"], ["zh-TW"], ["zh-HK", "en"]] as Locale[][]) {
      expect(publishProblems(create(euCookieBanner, locales), STANDARD_CATALOG)).toEqual([]);
    }
    const hk = create(euCookieBanner, ["zh-HK"]);
    const tw = create(euCookieBanner, ["zh-TW"]);
    expect(JSON.stringify(hk).replaceAll("zh-HK", "zh-TW")).toBe(JSON.stringify(tw));
  });

  it("leave languages without shipped copy empty, for publishing to flag rather than to ship English", () => {
    const document = create(euCookieBanner, ["en", "ja"]);
    const problems = publishProblems(document, STANDARD_CATALOG);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.code === "missing_translation" && problem.locale === "ja")).toBe(true);
  });

  it("leave purposes and topics unbound when the catalog lacks them, without failing as drafts", () => {
    for (const template of TEMPLATES) {
      const document = create(template, ALL_SHIPPED, { purposes: [], topics: [] });
      expect(draftDocumentSchema.safeParse(document).success).toBe(true);
      expect(publishProblems(document, { purposes: [], topics: [] }).some((problem) => problem.code === "unbound_purpose")).toBe(true);
    }
  });
});

describe("eu_cookie_banner", () => {
  const document = create(euCookieBanner);
  const buttons = blocksOf(document).flatMap((block) => (block.type === "button" ? [block] : []));
  const layer = document.blocks.find((block) => block.type === "preferences_layer");

  it("puts accept, reject and manage on the first layer with equal emphasis", () => {
    const firstLayer = walkBlocks({ blocks: document.blocks.filter((block) => block.type !== "preferences_layer") }).map(({ block }) => block);
    const actions = firstLayer.flatMap((block) => (block.type === "button" ? [[block.action, block.emphasis]] : []));
    expect(actions).toEqual([
      ["accept_all", "primary"],
      ["reject_all", "primary"],
      ["open_preferences", "primary"],
    ]);
  });

  it("offers necessary (locked on) and three optional purposes, all off, in the second layer", () => {
    const toggles = blocksOf({ blocks: layer?.type === "preferences_layer" ? layer.blocks : [] }).flatMap((block) =>
      block.type === "purpose_toggle" ? [[block.purposeId, block.required, block.defaultOn]] : [],
    );
    expect(toggles).toEqual([
      [PURPOSE.necessary, true, true],
      [PURPOSE.analytics, false, false],
      [PURPOSE.advertising, false, false],
      [PURPOSE.personalisation, false, false],
    ]);
    expect(buttons.at(-1)?.action).toBe("save_choices");
    expect(document.theme.position).toBe("bottom");
  });
});

describe("pipl_first_launch_popup", () => {
  const document = create(piplFirstLaunchPopup);
  const toggles = blocksOf(document).flatMap((block) => (block.type === "purpose_toggle" ? [block] : []));

  it("ticks nothing and locks nothing (GB/T 42574)", () => {
    expect(toggles.every((toggle) => !toggle.defaultOn && !toggle.required)).toBe(true);
  });

  it("asks separately for sensitive data, transfer abroad and third-party sharing, each with its own description", () => {
    const separate = [PURPOSE.sensitive_data, PURPOSE.cross_border_transfer, PURPOSE.third_party_sharing];
    const controls = toggles.filter((toggle) => separate.includes(toggle.purposeId as never));
    expect(controls.map((toggle) => toggle.purposeId)).toEqual(separate);
    expect(new Set(controls.map((toggle) => toggle.description["zh-CN"])).size).toBe(3);
  });

  it("offers agree and disagree with equal emphasis, and never an accept-all that would bundle separate consents", () => {
    const buttons = blocksOf(document).flatMap((block) => (block.type === "button" ? [[block.action, block.emphasis, block.label["zh-CN"]]] : []));
    expect(buttons).toEqual([
      ["reject_all", "primary", "不同意"],
      ["save_choices", "primary", "同意"],
    ]);
    expect(document.theme.position).toBe("center");
  });
});

describe("marketing_preference_centre", () => {
  const document = create(marketingPreferenceCentre);
  const blocks = blocksOf(document);

  it("has the preference centre blocks bound to the catalog", () => {
    expect(blocks.map((block) => block.type)).toEqual([
      "image",
      "heading",
      "rich_text",
      "identity_field",
      "purpose_toggle",
      "channel_preferences",
      "topic_subscriptions",
      "frequency_cap",
      "quiet_hours",
      "container",
      "button",
      "button",
      "language_switcher",
      "link",
    ]);
    expect(blocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "identity_field", identifier: "email" }),
        expect.objectContaining({ type: "purpose_toggle", purposeId: PURPOSE.marketing, defaultOn: false }),
        expect.objectContaining({ type: "channel_preferences", scope: { kind: "purpose", purposeId: PURPOSE.marketing }, channels: ["sms", "email", "phone", "wechat", "push"] }),
        expect.objectContaining({ type: "topic_subscriptions", topicIds: [TOPIC.offers, TOPIC.product_news, TOPIC.events] }),
        expect.objectContaining({ type: "frequency_cap", period: "week", choices: [1, 2, 3, 5] }),
        expect.objectContaining({ type: "quiet_hours", defaultStart: "21:00", defaultEnd: "09:00", timeZone: "subject" }),
        expect.objectContaining({ type: "button", action: "save_choices" }),
        expect.objectContaining({ type: "button", action: "reject_all" }),
      ]),
    );
  });
});
