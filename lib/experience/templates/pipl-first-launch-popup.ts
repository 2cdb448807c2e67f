import { DEFAULT_THEME } from "../theme";
import { templateBlocks, type ExperienceTemplate } from "./context";

/**
 * First-launch popup for mainland China apps (GB/T 42574-2023): the approved notice before any
 * collection, nothing ticked, and separate consent (单独同意) for sensitive information,
 * transfer abroad and sharing with other handlers, each its own control (PIPL art. 23, 29, 39).
 *
 * "Agree" saves the choices as ticked rather than accepting everything: an accept-all would
 * bundle the separate consents into one click, which art. 23/29/39 rule out.
 */
export const piplFirstLaunchPopup: ExperienceTemplate = {
  id: "pipl_first_launch_popup",
  kind: "popup",
  create(context) {
    const build = templateBlocks(context);
    return {
      schemaVersion: 2,
      kind: "popup",
      locales: [...context.locales],
      defaultLocale: context.defaultLocale,
      theme: { ...DEFAULT_THEME, position: "center" },
      blocks: [
        build.heading({ en: "How we protect your personal information", "zh-CN": "个人信息保护提示", "zh-TW": "個人信息保護提示" }, 2),
        {
          id: context.ids(),
          type: "notice",
          noticeId: null,
          placeholder: build.text({
            en: "The personal information protection policy approved by your legal team appears here.",
            "zh-CN": "此处将显示经法务审核通过的《个人信息保护政策》。",
            "zh-TW": "此處將顯示經法務審核通過的《個人信息保護政策》。",
          }),
        },
        build.purposeToggle("personalisation", {
          label: { en: "Personalised recommendations", "zh-CN": "个性化推荐", "zh-TW": "個性化推薦" },
          description: {
            en: "Recommend content and products based on your browsing and purchases. Without it you still see recommendations, just not ones based on your personal characteristics.",
            "zh-CN": "根据您的浏览和购买记录推荐内容和商品。不开启时，您仍会看到推荐内容，但不会针对您的个人特征。",
            "zh-TW": "根據您的瀏覽和購買記錄推薦內容和商品。不開啟時，您仍會看到推薦內容，但不會針對您的個人特徵。",
          },
        }),
        build.purposeToggle("marketing", {
          label: { en: "Offers and news", "zh-CN": "优惠与资讯", "zh-TW": "優惠與資訊" },
          description: {
            en: "Send you offers and news by SMS, email or push notification. You can unsubscribe at any time, for example by replying TD to an SMS.",
            "zh-CN": "通过短信、电子邮件或推送通知向您发送优惠和资讯。您可以随时退订，例如回复短信“TD”。",
            "zh-TW": "透過簡訊、電子郵件或推播通知向您發送優惠和資訊。您可以隨時退訂，例如回覆簡訊「TD」。",
          },
        }),
        build.purposeToggle("sensitive_data", {
          label: { en: "Sensitive personal information", "zh-CN": "处理敏感个人信息", "zh-TW": "處理敏感個人信息" },
          description: {
            en: "Use your precise location to show nearby stores and services. Misuse of sensitive information could seriously affect you, so we ask separately; the app works without it.",
            "zh-CN": "使用您的精确位置信息，向您展示附近的门店和服务。敏感个人信息一旦被滥用，可能对您造成较大影响，因此我们单独征求您的同意；不同意不影响基本功能的使用。",
            "zh-TW": "使用您的精確位置信息，向您展示附近的門店和服務。敏感個人信息一旦被濫用，可能對您造成較大影響，因此我們單獨徵求您的同意；不同意不影響基本功能的使用。",
          },
        }),
        build.purposeToggle("cross_border_transfer", {
          label: { en: "Transfer outside mainland China", "zh-CN": "向境外提供个人信息", "zh-TW": "向境外提供個人信息" },
          description: {
            en: "Provide your account and order information to our group headquarters outside mainland China for customer service. The recipient, its contact details and how to exercise your rights against it are set out in the notice above.",
            "zh-CN": "为提供客户服务，将您的账户和订单信息提供给位于中国境外的集团总部。境外接收方的名称、联系方式以及您向其行使权利的方式，详见上方政策。",
            "zh-TW": "為提供客戶服務，將您的帳戶和訂單信息提供給位於中國境外的集團總部。境外接收方的名稱、聯繫方式以及您向其行使權利的方式，詳見上方政策。",
          },
        }),
        build.purposeToggle("third_party_sharing", {
          label: { en: "Sharing with other companies", "zh-CN": "向第三方提供个人信息", "zh-TW": "向第三方提供個人信息" },
          description: {
            en: "Provide your contact and order details to delivery and payment partners so they can serve you. Each partner's name, contact details and purpose are listed in the notice above.",
            "zh-CN": "将您的联系方式和订单信息提供给配送及支付合作方，以便其为您提供服务。各合作方的名称、联系方式和处理目的详见上方政策。",
            "zh-TW": "將您的聯繫方式和訂單信息提供給配送及支付合作方，以便其為您提供服務。各合作方的名稱、聯繫方式和處理目的詳見上方政策。",
          },
        }),
        build.row([
          build.button("reject_all", "primary", { en: "Disagree", "zh-CN": "不同意", "zh-TW": "不同意" }),
          build.button("save_choices", "primary", { en: "Agree", "zh-CN": "同意", "zh-TW": "同意" }),
        ]),
        // The full text of the notice shown above, on its own page: a link that always exists.
        build.privacyLink(
          {
            en: "Read the full personal information protection policy",
            "zh-CN": "查看《个人信息保护政策》全文",
            "zh-TW": "查看《個人信息保護政策》全文",
          },
        ),
      ],
    };
  },
};
