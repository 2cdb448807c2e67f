import type { Locale } from "@/lib/experience/localized";
import type { PurposeLegalFieldsInput } from "@/lib/notices/schemas";

/**
 * The fictional brand of the embedded profile's demo: Acme Tea, a Shanghai tea shop selling
 * on the web, in an app, in a WeChat mini program and in stores. Its facts appear verbatim in
 * the notice, because approval checks that each language names the controller and contact.
 */

export const DEMO_LOCALES: Locale[] = ["en", "zh-CN", "zh-TW"];

export const DEMO_BRAND = {
  name: "Acme Tea",
  legalEntityName: "Acme Tea (Shanghai) Co., Ltd.",
  /** The controller's name in Chinese, given beside the English one in the Chinese texts. */
  legalEntityNameZh: "艾克米茶（上海）有限公司",
  contact: "privacy@acme-tea.example",
} as const;

/** Demo people sign in with these; the owner writes, legal approves (four eyes). */
export const DEMO_ACCOUNT = { email: "demo@consentry.local", password: "consentry-demo" } as const;
export const DEMO_LEGAL_ACCOUNT = { email: "legal@consentry.local", password: "consentry-demo" } as const;

/** A named regular customer, so the decision API and the records have someone to look up. */
export const DEMO_CUSTOMER = { kind: "email", value: "mei.lin@example.com" } as const;

type Texts = Record<"en" | "zh-CN" | "zh-TW", string[]>;

const { legalEntityName: entity, legalEntityNameZh: entityZh, contact } = DEMO_BRAND;

export const DEMO_NOTICE = {
  name: "Acme Tea privacy notice",
  paragraphs: {
    en: [
      `${entity} ("Acme Tea", ${contact}) sells tea on acme-tea.example, in the Acme Tea app, in our WeChat mini program and in our stores.`,
      "We use strictly necessary cookies and identifiers to run the shop and remember your privacy choices. With your consent we also measure how the shop is used (analytics), show you ads that fit your interests (advertising), recommend teas based on your purchases (personalisation) and send you offers by the channels you choose (marketing).",
      "We keep analytics data for 13 months, advertising and personalisation data for 12 months after your last visit, and your marketing preferences until you withdraw. Order data is kept as the law on accounting requires.",
      `You may withdraw any consent at any time, as easily as you gave it: in the privacy preferences on every page, on our preference centre, or by writing to ${contact}.`,
    ],
    "zh-CN": [
      `${entityZh}（${entity}，联系方式：${contact}）通过 acme-tea.example 网站、艾克米茶 App、微信小程序及线下门店销售茶叶。`,
      "我们使用严格必要的 Cookie 和标识符来维持商店运行并记住您的隐私选择。经您同意，我们还会统计商店的使用情况（统计分析）、向您展示符合您兴趣的广告（广告）、根据您的购买记录推荐茶品（个性化推荐），并通过您选择的渠道向您发送优惠信息（营销信息）。",
      "统计分析数据保存 13 个月，广告和个性化推荐数据在您最后一次访问后保存 12 个月，营销偏好保存至您撤回同意为止。订单数据按会计法律要求保存。",
      `您可以随时撤回任何同意，撤回与给予同样方便：可在每个页面的隐私偏好设置、我们的偏好中心中操作，或发送邮件至 ${contact}。`,
    ],
    "zh-TW": [
      `${entityZh}（${entity}，聯絡方式：${contact}）透過 acme-tea.example 網站、艾克米茶 App、微信小程式及實體門市銷售茶葉。`,
      "我們使用絕對必要的 Cookie 和識別碼來維持商店運作並記住您的隱私選擇。經您同意，我們也會統計商店的使用情形（統計分析）、向您顯示符合您興趣的廣告（廣告）、根據您的購買記錄推薦茶品（個人化推薦），並透過您選擇的管道向您傳送優惠訊息（行銷訊息）。",
      "統計分析資料保存 13 個月，廣告和個人化推薦資料在您最後一次造訪後保存 12 個月，行銷偏好保存至您撤回同意為止。訂單資料依會計法規要求保存。",
      `您可以隨時撤回任何同意，撤回與給予同樣方便：可在每個頁面的隱私偏好設定、我們的偏好中心操作，或寄送電子郵件至 ${contact}。`,
    ],
  } satisfies Texts,
  rights: {
    en: `You have the right to access, copy, correct and delete your personal information, to withdraw consent, to object, to data portability and to an explanation of our rules. Write to ${contact}; we answer within 15 working days.`,
    "zh-CN": `您有权查阅、复制、更正、删除您的个人信息，撤回同意，提出反对，请求转移个人信息，并要求我们解释处理规则。请发送邮件至 ${contact}，我们将在 15 个工作日内答复。`,
    "zh-TW": `您有權查閱、複製、更正、刪除您的個人資料，撤回同意，提出反對，請求轉移個人資料，並要求我們解釋處理規則。請寄送電子郵件至 ${contact}，我們將在 15 個工作天內回覆。`,
  },
  /** Written for every rule set the demo's visitors come under. */
  jurisdictions: ["CN", "EU", "US-CA", "HK"] as const,
};

/** The legal facts of the purposes the demo's notice covers (PIPL notices need categories and retention). */
export const DEMO_PURPOSE_LEGAL: Record<string, PurposeLegalFieldsInput> = {
  necessary: legal("contract", ["Device identifier", "Privacy choices", "Session"], "For as long as you use the shop", null, "dpv:ServiceProvision"),
  analytics: legal("consent", ["Pages visited", "Device type", "Approximate location"], "13 months", 395, "dpv:ServiceUsageAnalytics"),
  advertising: legal("consent", ["Advertising identifier", "Pages visited", "Interests"], "12 months after your last visit", 365, "dpv:PersonalisedAdvertising"),
  personalisation: legal("consent", ["Purchase history", "Browsing history"], "12 months after your last visit", 365, "dpv:ServicePersonalisation"),
  marketing: legal("consent", ["Email address", "Mobile number", "Preferences"], "Until you withdraw", null, "dpv:DirectMarketing"),
};

function legal(
  legalBasis: PurposeLegalFieldsInput["legalBasis"],
  dataCategories: string[],
  retention: string,
  retentionDays: number | null,
  dpvPurpose: string,
): PurposeLegalFieldsInput {
  return {
    legalBasis,
    dataCategories,
    sensitive: false,
    separateConsentSensitive: false,
    separateConsentThirdParty: false,
    thirdPartyRecipient: null,
    separateConsentCrossBorder: false,
    crossBorderRecipient: null,
    crossBorderCountry: null,
    separateConsentPublicDisclosure: false,
    retention,
    retentionDays,
    recipients: [],
    dpvPurpose,
  };
}

export const DEMO_EXPERIENCES = {
  banner: "Acme Tea cookie banner",
  preferencePage: "Acme Tea preference centre",
} as const;

/** The shop's logo, served from public/ so hosted pages and the demo site show it. */
export const DEMO_LOGO = "/demo/acme-tea-logo.svg";
