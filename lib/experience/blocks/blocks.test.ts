import { describe, expect, it } from "vitest";
import { BLOCK_TYPES, blockSchema, type BlockOfType, type BlockType } from "./block";
import { PURPOSE, TOPIC } from "../test-support";
import { richTextFromParagraphs } from "../rich-text";

const SAMPLES: { [T in BlockType]: BlockOfType<T> } = {
  heading: { id: "h", type: "heading", text: { en: "Hello", "zh-CN": "你好" }, level: 1 },
  rich_text: { id: "r", type: "rich_text", content: { en: richTextFromParagraphs(["We use cookies."]) } },
  notice: { id: "n", type: "notice", noticeId: null, placeholder: { en: "Notice goes here" } },
  purpose_toggle: {
    id: "p",
    type: "purpose_toggle",
    purposeId: PURPOSE.analytics,
    required: false,
    defaultOn: false,
    label: { en: "Analytics" },
    description: {},
  },
  preferences_layer: { id: "layer", type: "preferences_layer", title: { en: "Preferences" }, blocks: [{ id: "d1", type: "divider" }] },
  channel_preferences: {
    id: "ch",
    type: "channel_preferences",
    scope: { kind: "purpose", purposeId: PURPOSE.marketing },
    channels: ["sms", "wechat"],
    label: { en: "Channels" },
  },
  topic_subscriptions: { id: "t", type: "topic_subscriptions", topicIds: [TOPIC.offers], label: { en: "Topics" } },
  frequency_cap: { id: "f", type: "frequency_cap", period: "month", choices: [1, 4, 10], label: { en: "How often" } },
  quiet_hours: { id: "q", type: "quiet_hours", label: { en: "Quiet" }, defaultStart: "22:30", defaultEnd: "07:00", timeZone: "Asia/Shanghai" },
  identity_field: { id: "i", type: "identity_field", identifier: "phone", label: { en: "Phone" }, required: false },
  button: { id: "btn", type: "button", action: "reject_all", label: { en: "Reject all" }, emphasis: "secondary" },
  link: { id: "l", type: "link", linkType: "do_not_sell_or_share", href: "https://example.com/opt-out", label: { en: "Do Not Sell" } },
  image: { id: "img", type: "image", role: "logo", src: "/logo.svg", alt: { en: "Logo" }, width: 120 },
  divider: { id: "div", type: "divider" },
  language_switcher: { id: "ls", type: "language_switcher" },
  container: { id: "c", type: "container", layout: "columns", columns: 3, blocks: [{ id: "c1", type: "divider" }] },
};

describe("blockSchema", () => {
  it.each(BLOCK_TYPES)("parses a %s block", (type) => {
    expect(blockSchema.parse(SAMPLES[type])).toEqual(SAMPLES[type]);
  });

  it.each([
    ["an unknown type", { id: "x", type: "video" }],
    ["an id with a space", { ...SAMPLES.divider, id: "a b" }],
    ["an id of 65 characters", { ...SAMPLES.divider, id: "x".repeat(65) }],
    ["heading level 4", { ...SAMPLES.heading, level: 4 }],
    ["text in an unsupported language", { ...SAMPLES.heading, text: { xx: "?" } }],
    ["text longer than 2000 characters", { ...SAMPLES.heading, text: { en: "a".repeat(2001) } }],
    ["a purpose id that is not a uuid", { ...SAMPLES.purpose_toggle, purposeId: "analytics" }],
    ["no channels", { ...SAMPLES.channel_preferences, channels: [] }],
    ["a channel twice", { ...SAMPLES.channel_preferences, channels: ["sms", "sms"] }],
    ["an unknown channel", { ...SAMPLES.channel_preferences, channels: ["fax"] }],
    ["a topic twice", { ...SAMPLES.topic_subscriptions, topicIds: [TOPIC.offers, TOPIC.offers] }],
    ["unsorted frequency choices", { ...SAMPLES.frequency_cap, choices: [3, 1] }],
    ["repeated frequency choices", { ...SAMPLES.frequency_cap, choices: [1, 1] }],
    ["a frequency choice above 100", { ...SAMPLES.frequency_cap, choices: [101] }],
    ["24:00 as a time", { ...SAMPLES.quiet_hours, defaultEnd: "24:00" }],
    ["a time without leading zero", { ...SAMPLES.quiet_hours, defaultStart: "9:00" }],
    ["a time zone that is not IANA-shaped", { ...SAMPLES.quiet_hours, timeZone: "GMT+8 Beijing" }],
    ["an image narrower than 16px", { ...SAMPLES.image, width: 8 }],
    ["a container with 4 columns", { ...SAMPLES.container, columns: 4 }],
    ["an invalid child in a container", { ...SAMPLES.container, blocks: [{ id: "z", type: "heading" }] }],
  ])("rejects %s", (_case, block) => {
    expect(blockSchema.safeParse(block).success).toBe(false);
  });

  it("accepts a quiet-hours window that crosses midnight, and UTC", () => {
    expect(blockSchema.safeParse({ ...SAMPLES.quiet_hours, defaultStart: "21:00", defaultEnd: "09:00", timeZone: "UTC" }).success).toBe(true);
  });

  it("accepts unfinished drafts: empty texts, unbound purpose, no topics, empty href", () => {
    for (const block of [
      { ...SAMPLES.heading, text: {} },
      { ...SAMPLES.purpose_toggle, purposeId: null, label: { en: "" } },
      { ...SAMPLES.topic_subscriptions, topicIds: [] },
      { ...SAMPLES.link, href: "" },
      { ...SAMPLES.channel_preferences, scope: { kind: "purpose", purposeId: null } },
    ]) {
      expect(blockSchema.safeParse(block).success).toBe(true);
    }
  });
});

describe("link and image addresses", () => {
  it.each(["https://example.com/privacy", "http://example.com", "/privacy", "/zh/隐私", ""])("link href %j is accepted", (href) => {
    expect(blockSchema.safeParse({ ...SAMPLES.link, href }).success).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/path",
    "/\\evil.example",
    "mailto:dpo@example.com",
    "privacy",
    "https:evil",
  ])("link href %j is rejected", (href) => {
    expect(blockSchema.safeParse({ ...SAMPLES.link, href }).success).toBe(false);
  });

  it.each(["http://example.com/logo.png", "data:image/png;base64,AAAA", "javascript:alert(1)", "//cdn.example/logo.png"])(
    "image src %j is rejected (https or a site path only)",
    (src) => {
      expect(blockSchema.safeParse({ ...SAMPLES.image, src }).success).toBe(false);
    },
  );
});
