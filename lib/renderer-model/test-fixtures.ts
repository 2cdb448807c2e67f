import type { Block, ExperienceDocument } from "@/lib/experience";
import type { RendererCatalog } from "./types";

// Test data only. Catalog-shaped ids, as the schema wants guids.
export const PURPOSE = {
  necessary: "00000000-0000-4000-8000-000000000001",
  analytics: "00000000-0000-4000-8000-000000000002",
  marketing: "00000000-0000-4000-8000-000000000003",
  crossBorder: "00000000-0000-4000-8000-000000000004",
};
export const NOTICE_ID = "00000000-0000-4000-8000-0000000000b1";
export const TOPIC = { offers: "00000000-0000-4000-8000-0000000000a1", news: "00000000-0000-4000-8000-0000000000a2" };

export const CATALOG: RendererCatalog = {
  purposes: {
    [PURPOSE.necessary]: { name: { en: "Necessary" }, description: { en: "Keeps the site running." }, necessary: true },
    [PURPOSE.analytics]: { name: { en: "Analytics" }, description: { en: "Counts visits." }, necessary: false },
    [PURPOSE.marketing]: { name: { en: "Marketing", "zh-CN": "营销" }, description: {}, necessary: false },
    [PURPOSE.crossBorder]: {
      name: { en: "Transfer abroad" },
      description: {},
      necessary: false,
      separateConsent: true,
    },
  },
  topics: { [TOPIC.offers]: { name: { en: "Offers", "zh-CN": "优惠" } }, [TOPIC.news]: { name: { en: "News" } } },
};

const toggle = (id: string, purposeId: string | null, required = false, defaultOn = false): Block => ({
  id,
  type: "purpose_toggle",
  purposeId,
  required,
  defaultOn,
  label: {},
  description: {},
});

/** A two-layer banner with one of every block type. */
export function fullDocument(kind: ExperienceDocument["kind"] = "banner"): ExperienceDocument {
  return {
    schemaVersion: 2,
    kind,
    locales: ["en", "zh-CN"],
    defaultLocale: "en",
    theme: {
      mode: "light",
      colors: { background: "#ffffff", text: "#1f2937", primary: "#1d4ed8", primaryText: "#ffffff", border: "#d1d5db" },
      font: "system",
      radius: 8,
      position: "bottom",
      logo: null,
    },
    blocks: [
      { id: "title", type: "heading", text: { en: "Your privacy", "zh-CN": "您的隐私" }, level: 2 },
      {
        id: "intro",
        type: "rich_text",
        content: {
          en: {
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "text", text: "Read our " },
                  { type: "text", text: "policy", marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://example.com/privacy" } }] },
                ],
              },
            ],
          },
        },
      },
      { id: "notice", type: "notice", noticeId: NOTICE_ID, placeholder: { en: "Notice goes here" } },
      {
        id: "buttons",
        type: "container",
        layout: "columns",
        columns: 3,
        blocks: [
          { id: "accept", type: "button", action: "accept_all", label: { en: "Accept all" }, emphasis: "primary" },
          { id: "reject", type: "button", action: "reject_all", label: { en: "Reject all" }, emphasis: "primary" },
          { id: "manage", type: "button", action: "open_preferences", label: {}, emphasis: "secondary" },
        ],
      },
      { id: "policy", type: "link", linkType: "privacy_policy", href: "/privacy", label: {} },
      {
        id: "layer",
        type: "preferences_layer",
        title: { en: "Choose what you allow" },
        blocks: [
          toggle("t-necessary", PURPOSE.necessary, true, true),
          toggle("t-analytics", PURPOSE.analytics),
          toggle("t-marketing", PURPOSE.marketing, false, true),
          toggle("t-abroad", PURPOSE.crossBorder),
          {
            id: "inner",
            type: "container",
            layout: "stack",
            columns: 2,
            blocks: [
              { id: "ch-global", type: "channel_preferences", scope: { kind: "global" }, channels: ["email", "sms"], label: {} },
              {
                id: "ch-marketing",
                type: "channel_preferences",
                scope: { kind: "purpose", purposeId: PURPOSE.marketing },
                channels: ["wechat", "phone", "push"],
                label: {},
              },
            ],
          },
          { id: "topics", type: "topic_subscriptions", topicIds: [TOPIC.offers, TOPIC.news], label: {} },
          { id: "cap", type: "frequency_cap", period: "week", choices: [1, 3], label: {} },
          { id: "quiet", type: "quiet_hours", label: {}, defaultStart: "21:00", defaultEnd: "09:00", timeZone: "Asia/Shanghai" },
          { id: "email", type: "identity_field", identifier: "email", label: {}, required: true },
          { id: "save", type: "button", action: "save_choices", label: {}, emphasis: "primary" },
        ],
      },
      { id: "logo", type: "image", role: "logo", src: "https://cdn.example.com/logo.png", alt: { en: "Example Ltd" }, width: 120 },
      { id: "rule", type: "divider" },
      { id: "languages", type: "language_switcher" },
      { id: "close", type: "button", action: "close", label: { en: "Close" }, emphasis: "secondary" },
    ],
  };
}
