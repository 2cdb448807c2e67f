import { CHANNELS } from "../blocks/preferences";
import { purposeIdByKey, STANDARD_TOPIC_KEYS, topicIdByKey } from "../catalog";
import { DEFAULT_THEME } from "../theme";
import { templateBlocks, type ExperienceTemplate } from "./context";

/**
 * Hosted marketing preference centre: the subject says who they are, then chooses channels,
 * topics, how often and when not to be contacted. "Unsubscribe from everything" sits beside
 * save, so withdrawing takes one step (GDPR art. 7(3) and 21(3), PIPL art. 15).
 */
export const marketingPreferenceCentre: ExperienceTemplate = {
  id: "marketing_preference_centre",
  kind: "preference_page",
  create(context) {
    const build = templateBlocks(context);
    const marketingPurposeId = purposeIdByKey(context.catalog, "marketing");
    const topicIds = STANDARD_TOPIC_KEYS.flatMap((key) => topicIdByKey(context.catalog, key) ?? []);
    return {
      schemaVersion: 2,
      kind: "preference_page",
      locales: [...context.locales],
      defaultLocale: context.defaultLocale,
      theme: { ...DEFAULT_THEME, position: "center" },
      blocks: [
        {
          id: context.ids(),
          type: "image",
          role: "logo",
          // The conventional logo path; the marketer replaces it with their own upload.
          src: "/logo.svg",
          alt: build.text({ en: "Company logo", "zh-CN": "公司标志", "zh-TW": "公司標誌" }),
          width: 160,
        },
        build.heading({ en: "Your communication preferences", "zh-CN": "您的沟通偏好", "zh-TW": "您的通訊偏好" }, 1),
        build.richText({
          en: ["Choose what we send you, how and how often. Changes apply on every channel as soon as you save."],
          "zh-CN": ["选择您希望收到的内容、接收方式和频率。保存后，所有渠道立即生效。"],
          "zh-TW": ["選擇您希望收到的內容、接收方式和頻率。儲存後，所有管道立即生效。"],
        }),
        {
          id: context.ids(),
          type: "identity_field",
          identifier: "email",
          label: build.text({ en: "Email address", "zh-CN": "电子邮箱地址", "zh-TW": "電子郵件地址" }),
          required: true,
        },
        build.purposeToggle("marketing", {
          label: { en: "Send me marketing communications", "zh-CN": "接收营销信息", "zh-TW": "接收行銷訊息" },
          description: {
            en: "Offers, news and invitations from us. You can withdraw at any time; it takes effect on every channel at once.",
            "zh-CN": "我们的优惠、资讯和活动邀请。您可以随时撤回同意，撤回后对所有渠道立即生效。",
            "zh-TW": "我們的優惠、資訊和活動邀請。您可以隨時撤回同意，撤回後對所有管道立即生效。",
          },
        }),
        {
          id: context.ids(),
          type: "channel_preferences",
          scope: { kind: "purpose", purposeId: marketingPurposeId },
          channels: [...CHANNELS],
          label: build.text({ en: "How may we contact you?", "zh-CN": "您希望我们通过哪些方式联系您？", "zh-TW": "您希望我們透過哪些方式聯絡您？" }),
        },
        {
          id: context.ids(),
          type: "topic_subscriptions",
          topicIds,
          label: build.text({ en: "What would you like to hear about?", "zh-CN": "您希望收到哪些内容？", "zh-TW": "您希望收到哪些內容？" }),
        },
        {
          id: context.ids(),
          type: "frequency_cap",
          period: "week",
          choices: [1, 2, 3, 5],
          label: build.text({ en: "At most how many messages a week?", "zh-CN": "每周最多接收几条信息？", "zh-TW": "每週最多接收幾則訊息？" }),
        },
        {
          id: context.ids(),
          type: "quiet_hours",
          label: build.text({ en: "Do not contact me between", "zh-CN": "免打扰时段", "zh-TW": "勿擾時段" }),
          defaultStart: "21:00",
          defaultEnd: "09:00",
          timeZone: "subject",
        },
        build.row([
          build.button("save_choices", "primary", { en: "Save my preferences", "zh-CN": "保存我的偏好", "zh-TW": "儲存我的偏好" }),
          build.button("reject_all", "secondary", { en: "Unsubscribe from everything", "zh-CN": "全部退订", "zh-TW": "全部取消訂閱" }),
        ]),
        { id: context.ids(), type: "language_switcher" },
        build.privacyLink(),
      ],
    };
  },
};
