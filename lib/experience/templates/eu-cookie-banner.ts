import { DEFAULT_THEME } from "../theme";
import { templateBlocks, type ExperienceTemplate } from "./context";

/**
 * Two-layer cookie banner for the EU/EEA. First layer: accept, reject and manage side by side
 * with the same emphasis (EDPB cookie banner taskforce, 2023). Second layer: one control per
 * purpose, only the strictly necessary one on (ePrivacy art. 5(3), GDPR Recital 32).
 */
export const euCookieBanner: ExperienceTemplate = {
  id: "eu_cookie_banner",
  kind: "banner",
  create(context) {
    const build = templateBlocks(context);
    return {
      schemaVersion: 2,
      kind: "banner",
      locales: [...context.locales],
      defaultLocale: context.defaultLocale,
      theme: { ...DEFAULT_THEME, position: "bottom" },
      blocks: [
        build.heading({ en: "We value your privacy", "zh-CN": "我们重视您的隐私", "zh-TW": "我們重視您的隱私" }, 2),
        build.richText({
          en: [
            "We use cookies and similar technologies to run this site, to understand how it is used, to personalise what you see and to show relevant ads.",
            "Only strictly necessary cookies are set without your consent. Accept all, reject all, or choose for each purpose; you can change your choice at any time.",
          ],
          "zh-CN": [
            "我们使用 Cookie 及类似技术来维持网站运行、了解网站的使用情况、为您提供个性化内容并展示相关广告。",
            "未经您的同意，我们只会设置严格必要的 Cookie。您可以全部接受、全部拒绝，或逐项选择用途，并可随时更改您的选择。",
          ],
          "zh-TW": [
            "我們使用 Cookie 及類似技術來維持網站運作、了解網站的使用情形、為您提供個人化內容並顯示相關廣告。",
            "未經您的同意，我們只會設定絕對必要的 Cookie。您可以全部接受、全部拒絕，或逐項選擇用途，並可隨時變更您的選擇。",
          ],
        }),
        build.row([build.button("accept_all", "primary"), build.button("reject_all", "primary"), build.button("open_preferences", "primary")]),
        build.privacyLink(),
        {
          id: context.ids(),
          type: "preferences_layer",
          title: build.text({ en: "Privacy preferences", "zh-CN": "隐私偏好设置", "zh-TW": "隱私偏好設定" }),
          blocks: [
            build.purposeToggle(
              "necessary",
              {
                label: { en: "Strictly necessary", "zh-CN": "严格必要", "zh-TW": "絕對必要" },
                description: {
                  en: "Needed for the site to work, for example to remember your privacy choices and keep you signed in. These cannot be switched off.",
                  "zh-CN": "网站正常运行所必需，例如记住您的隐私选择并保持登录状态。此类 Cookie 无法关闭。",
                  "zh-TW": "網站正常運作所必需，例如記住您的隱私選擇並維持登入狀態。此類 Cookie 無法關閉。",
                },
              },
              true,
            ),
            build.purposeToggle("analytics", {
              label: { en: "Analytics", "zh-CN": "统计分析", "zh-TW": "統計分析" },
              description: {
                en: "Counts visits and shows us which pages are used, so we can improve the site.",
                "zh-CN": "统计访问量并了解哪些页面被使用，以便我们改进网站。",
                "zh-TW": "統計造訪次數並了解哪些頁面被使用，以便我們改善網站。",
              },
            }),
            build.purposeToggle("advertising", {
              label: { en: "Advertising", "zh-CN": "广告", "zh-TW": "廣告" },
              description: {
                en: "Lets us and our advertising partners show ads that are relevant to you and measure how they perform.",
                "zh-CN": "允许我们及广告合作伙伴向您展示相关广告并衡量广告效果。",
                "zh-TW": "允許我們及廣告合作夥伴向您顯示相關廣告並衡量廣告成效。",
              },
            }),
            build.purposeToggle("personalisation", {
              label: { en: "Personalisation", "zh-CN": "个性化", "zh-TW": "個人化" },
              description: {
                en: "Remembers your preferences and tailors content and recommendations to you.",
                "zh-CN": "记住您的偏好，并据此为您推荐内容。",
                "zh-TW": "記住您的偏好，並據此為您推薦內容。",
              },
            }),
            build.button("save_choices", "primary"),
          ],
        },
      ],
    };
  },
};
