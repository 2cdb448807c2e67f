import { describe, expect, it } from "vitest";
import type { Block } from "./blocks/block";
import { draftDocumentSchema, type ExperienceDocument } from "./document";
import { richTextFromParagraphs } from "./rich-text";
import { documentWith, PURPOSE, STANDARD_CATALOG, TOPIC, UNKNOWN_ID } from "./test-support";
import { publishDocumentSchema, publishProblems } from "./validate-publish";

const both = (en: string, zh: string) => ({ en, "zh-CN": zh });
const heading: Block = { id: "h", type: "heading", text: both("Cookies", "Cookie"), level: 2 };
const toggle = (id: string, purposeId: string | null, required = false, defaultOn = false): Block => ({
  id,
  type: "purpose_toggle",
  purposeId,
  required,
  defaultOn,
  label: both("Label", "标签"),
  description: {},
});
const button = (id: string, action: "accept_all" | "reject_all" | "save_choices" | "open_preferences", emphasis: "primary" | "secondary" = "primary"): Block => ({
  id,
  type: "button",
  action,
  label: both("Button", "按钮"),
  emphasis,
});
const privacy: Block = { id: "privacy", type: "link", linkType: "privacy_policy", href: "/privacy", label: both("Privacy", "隐私") };
const layer = (blocks: Block[]): Block => ({ id: "layer", type: "preferences_layer", title: both("Settings", "设置"), blocks });

/** Publishable as is; each test breaks one thing. */
const banner = (blocks: Block[] = []) =>
  documentWith([heading, toggle("necessary", PURPOSE.necessary, true, true), toggle("analytics", PURPOSE.analytics), button("accept", "accept_all"), button("reject", "reject_all"), privacy, ...blocks]);
const identity: Block = { id: "email", type: "identity_field", identifier: "email", label: both("Email", "邮箱"), required: true };
const page = (blocks: Block[] = []) => documentWith([heading, identity, button("save", "save_choices"), privacy, ...blocks], { kind: "preference_page" });

const withBlock = (document: ExperienceDocument, id: string, patch: Record<string, unknown>): ExperienceDocument => ({
  ...document,
  blocks: document.blocks.map((block) => (block.id === id ? ({ ...block, ...patch } as Block) : block)),
});
const without = (document: ExperienceDocument, id: string): ExperienceDocument => ({
  ...document,
  blocks: document.blocks.filter((block) => block.id !== id),
});
const problems = (document: ExperienceDocument) => {
  expect(draftDocumentSchema.safeParse(document).success).toBe(true);
  return publishProblems(document, STANDARD_CATALOG);
};

describe("publishProblems", () => {
  it("finds nothing wrong with the base documents", () => {
    expect(problems(banner())).toEqual([]);
    expect(problems(page())).toEqual([]);
  });

  it("missing_translation: blank or absent text in an offered language, rich text and logo included", () => {
    expect(problems(withBlock(banner(), "h", { text: { en: "Cookies", "zh-CN": "  " } }))).toEqual([
      { code: "missing_translation", blockId: "h", field: "text", locale: "zh-CN" },
    ]);
    const rich: Block = { id: "rich", type: "rich_text", content: { en: richTextFromParagraphs(["Text"]), "zh-CN": richTextFromParagraphs([""]) } };
    expect(problems(banner([rich]))).toEqual([{ code: "missing_translation", blockId: "rich", field: "content", locale: "zh-CN" }]);
    const logo = { ...banner(), theme: { ...banner().theme, logo: { src: "/logo.svg", alt: { en: "Logo" } } } };
    expect(problems(logo)).toEqual([{ code: "missing_translation", field: "theme.logo.alt", locale: "zh-CN" }]);
  });

  it("missing_url: a link, image or logo without an address", () => {
    expect(problems(withBlock(banner(), "privacy", { href: "" }))).toEqual([{ code: "missing_url", blockId: "privacy", field: "href" }]);
    const image: Block = { id: "img", type: "image", role: "image", src: "", alt: both("Alt", "图"), width: null };
    expect(problems(banner([image]))).toEqual([{ code: "missing_url", blockId: "img", field: "src" }]);
    const logo = { ...banner(), theme: { ...banner().theme, logo: { src: "", alt: both("Logo", "标志") } } };
    expect(problems(logo)).toEqual([{ code: "missing_url", field: "theme.logo.src" }]);
  });

  it("a privacy-policy link without an address is fine beside a chosen notice: it leads to the notice's page", () => {
    const notice: Block = { id: "notice", type: "notice", noticeId: UNKNOWN_ID, placeholder: {} };
    expect(problems(withBlock(banner([notice]), "privacy", { href: "" }))).toEqual([]);
    // Without a notice to lead to it needs an address; a notice not chosen yet is reported once, as such.
    expect(problems(withBlock(banner(), "privacy", { href: "" }))).toEqual([{ code: "missing_url", blockId: "privacy", field: "href" }]);
    expect(problems(withBlock(banner([{ ...notice, noticeId: null }]), "privacy", { href: "" }))).toEqual([{ code: "notice_not_chosen", blockId: "notice" }]);
  });

  it("notice_not_chosen: a notice block still showing its placeholder", () => {
    const notice: Block = { id: "notice", type: "notice", noticeId: null, placeholder: {} };
    expect(problems(banner([notice]))).toEqual([{ code: "notice_not_chosen", blockId: "notice" }]);
    expect(problems(banner([{ ...notice, noticeId: UNKNOWN_ID }]))).toEqual([]);
  });

  it("empty_container: a container or preferences layer with nothing in it", () => {
    expect(problems(banner([{ id: "box", type: "container", layout: "stack", columns: 2, blocks: [] }]))).toEqual([{ code: "empty_container", blockId: "box" }]);
  });

  it("no_topics and unknown_topic", () => {
    const topics = (topicIds: string[]): Block => ({ id: "topics", type: "topic_subscriptions", topicIds, label: both("Topics", "主题") });
    expect(problems(page([topics([])]))).toEqual([{ code: "no_topics", blockId: "topics" }]);
    expect(problems(page([topics([TOPIC.offers, UNKNOWN_ID])]))).toEqual([{ code: "unknown_topic", blockId: "topics", topicId: UNKNOWN_ID }]);
  });

  it("no_choices: a frequency cap offering nothing", () => {
    const cap: Block = { id: "cap", type: "frequency_cap", period: "week", choices: [], label: both("How often", "频率") };
    expect(problems(page([cap]))).toEqual([{ code: "no_choices", blockId: "cap" }]);
  });

  it("unknown_time_zone: a well-formed zone the runtime does not know", () => {
    const quiet = (timeZone: string): Block => ({ id: "quiet", type: "quiet_hours", label: both("Quiet", "免打扰"), defaultStart: "21:00", defaultEnd: "09:00", timeZone });
    expect(problems(page([quiet("Mars/Olympus_Mons")]))).toEqual([{ code: "unknown_time_zone", blockId: "quiet", timeZone: "Mars/Olympus_Mons" }]);
    expect(problems(page([quiet("Asia/Shanghai")]))).toEqual([]);
  });

  it("block_not_allowed: a block that does not suit the kind", () => {
    expect(problems(banner([identity]))).toEqual([{ code: "block_not_allowed", blockId: "email", kind: "banner" }]);
  });

  it("unbound_purpose: a toggle or a purpose-scoped channel block without a purpose", () => {
    expect(problems(withBlock(banner(), "analytics", { purposeId: null }))).toEqual([{ code: "unbound_purpose", blockId: "analytics" }]);
    const channels: Block = { id: "ch", type: "channel_preferences", scope: { kind: "purpose", purposeId: null }, channels: ["sms"], label: both("Channels", "渠道") };
    expect(problems(page([channels]))).toEqual([{ code: "unbound_purpose", blockId: "ch" }]);
  });

  it("unknown_purpose: a purpose not in the workspace catalog", () => {
    expect(problems(withBlock(banner(), "analytics", { purposeId: UNKNOWN_ID }))).toEqual([{ code: "unknown_purpose", blockId: "analytics", purposeId: UNKNOWN_ID }]);
    const channels: Block = { id: "ch", type: "channel_preferences", scope: { kind: "purpose", purposeId: UNKNOWN_ID }, channels: ["sms"], label: both("Channels", "渠道") };
    expect(problems(page([channels]))).toEqual([{ code: "unknown_purpose", blockId: "ch", purposeId: UNKNOWN_ID }]);
  });

  it("duplicate_purpose: two controls for one purpose", () => {
    expect(problems(banner([toggle("again", PURPOSE.analytics)]))).toEqual([{ code: "duplicate_purpose", blockId: "again", purposeId: PURPOSE.analytics }]);
  });

  it("required_not_necessary: a locked control for a purpose that is not necessary", () => {
    expect(problems(withBlock(banner(), "analytics", { required: true, defaultOn: true }))).toEqual([
      { code: "required_not_necessary", blockId: "analytics", purposeId: PURPOSE.analytics },
    ]);
  });

  it("purpose_default_on: an optional purpose pre-ticked", () => {
    expect(problems(withBlock(banner(), "analytics", { defaultOn: true }))).toEqual([{ code: "purpose_default_on", blockId: "analytics" }]);
    expect(problems(withBlock(banner(), "necessary", { required: false }))).toEqual([{ code: "purpose_default_on", blockId: "necessary" }]);
  });

  it("personalised_marketing_not_refusable: personalised marketing offered without its own control to turn it off (PIPL art. 24)", () => {
    const catalog = {
      ...STANDARD_CATALOG,
      purposes: STANDARD_CATALOG.purposes.map((purpose) => ({ ...purpose, personalisedMarketing: purpose.id === PURPOSE.advertising })),
    };
    const check = (document: ExperienceDocument) => publishProblems(document, catalog);
    const channels: Block = { id: "ch", type: "channel_preferences", scope: { kind: "purpose", purposeId: PURPOSE.advertising }, channels: ["sms"], label: both("Channels", "渠道") };
    // Its own toggle, off by default: the person can keep everything else and refuse it alone.
    expect(check(banner([toggle("ads", PURPOSE.advertising)]))).toEqual([]);
    expect(check(page([toggle("ads", PURPOSE.advertising), channels]))).toEqual([]);
    // Only through channels, with nothing that refuses it alone: refused.
    expect(check(page([channels]))).toEqual([{ code: "personalised_marketing_not_refusable", blockId: "ch", purposeId: PURPOSE.advertising }]);
    // Locked on because the catalog calls it necessary: refused as well.
    const necessaryAds = { ...catalog, purposes: catalog.purposes.map((purpose) => (purpose.id === PURPOSE.advertising ? { ...purpose, necessary: true } : purpose)) };
    expect(publishProblems(banner([toggle("ads", PURPOSE.advertising, true, true)]), necessaryAds)).toEqual([
      { code: "personalised_marketing_not_refusable", blockId: "ads", purposeId: PURPOSE.advertising },
    ]);
    // Locked on while optional: the existing rule names it, once.
    expect(check(banner([toggle("ads", PURPOSE.advertising, true, true)]))).toEqual([{ code: "required_not_necessary", blockId: "ads", purposeId: PURPOSE.advertising }]);
  });

  it("no_decision_button: nothing records a decision", () => {
    const document = without(without(banner(), "accept"), "reject");
    expect(problems(document)).toEqual([{ code: "no_decision_button" }]);
  });

  it("reject_missing: accept all without reject all on the same screen (banners and popups)", () => {
    expect(problems(without(banner(), "reject"))).toEqual([{ code: "reject_missing", blockId: "accept" }]);
    const popup = { ...without(banner(), "reject"), kind: "popup" as const };
    expect(problems(popup)).toEqual([{ code: "reject_missing", blockId: "accept" }]);
    // Rejecting only in the second layer is not rejecting on the first (EDPB).
    const hidden = without(banner([button("open", "open_preferences"), layer([button("reject2", "reject_all")])]), "reject");
    expect(problems(hidden)).toEqual([{ code: "reject_missing", blockId: "accept" }]);
    // A preference page is about managing, not a first-layer choice.
    expect(problems(page([button("accept", "accept_all")]))).toEqual([]);
  });

  it("unequal_prominence: reject styled weaker (or stronger) than accept", () => {
    expect(problems(withBlock(banner(), "reject", { emphasis: "secondary" }))).toEqual([{ code: "unequal_prominence", blockId: "reject" }]);
  });

  it("preferences_layer_unreachable: a second layer no first-layer button opens", () => {
    const document = banner([layer([button("save", "save_choices"), button("open-inside", "open_preferences")])]);
    expect(problems(document)).toEqual([{ code: "preferences_layer_unreachable", blockId: "layer" }]);
    expect(problems(banner([button("open", "open_preferences"), layer([button("save", "save_choices")])]))).toEqual([]);
  });

  it("preferences_layer_missing: a manage button with nothing to open", () => {
    expect(problems(banner([button("open", "open_preferences")]))).toEqual([{ code: "preferences_layer_missing", blockId: "open" }]);
  });

  it("identity_missing: a preference page that cannot tell whose preferences these are", () => {
    expect(problems(without(page(), "email"))).toEqual([{ code: "identity_missing" }]);
  });

  it("looks inside containers and layers", () => {
    const document = banner([button("open", "open_preferences"), layer([{ id: "box", type: "container", layout: "stack", columns: 2, blocks: [toggle("deep", null)] }])]);
    expect(problems(document)).toEqual([{ code: "unbound_purpose", blockId: "deep" }]);
  });
});

describe("publishDocumentSchema", () => {
  it("reports problems as zod issues located at the block and field", () => {
    const document = withBlock(banner(), "h", { text: { en: "Cookies" } });
    const result = publishDocumentSchema(STANDARD_CATALOG).safeParse(document);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["blocks", 0, "text", "zh-CN"],
        params: { code: "missing_translation", blockId: "h", field: "text", locale: "zh-CN" },
      }),
    ]);
  });

  it("accepts a publishable document, and leaves the draft schema lenient", () => {
    expect(publishDocumentSchema(STANDARD_CATALOG).safeParse(banner()).success).toBe(true);
    expect(draftDocumentSchema.safeParse(withBlock(banner(), "h", { text: {} })).success).toBe(true);
  });
});
