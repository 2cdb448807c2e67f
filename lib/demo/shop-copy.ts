import type { Locale as UiLocale } from "@/lib/i18n/routing";

/**
 * The words of the demo shop page (/demo): the fictional customer's own site, like the
 * templates' shipped copy rather than console UI, so it lives with the demo and not in the
 * console's message catalogs.
 */
export interface ShopCopy {
  title: string;
  languages: string;
  demoNote: string;
  consoleLink: string;
  nav: { label: string; teas: string; stores: string };
  heroTitle: string;
  heroText: string;
  shopNow: string;
  teasTitle: string;
  teas: { name: string; origin: string; price: string }[];
  addToCart: string;
  storesTitle: string;
  storesText: string;
  footer: { privacyChoices: string; preferenceCentre: string; rights: string };
}

export const SHOP_COPY: Record<UiLocale, ShopCopy> = {
  en: {
    title: "Acme Tea — fine teas from Yunnan, Fujian and Zhejiang",
    languages: "Language",
    demoNote: "A demo shop served by Consentry. Its cookie banner is the live demo banner, embedded with /embed/v1.js: your choice is recorded in the demo workspace.",
    consoleLink: "Open the console",
    nav: { label: "Shop", teas: "Teas", stores: "Stores" },
    heroTitle: "Tea, picked this spring",
    heroText: "Small-batch teas from the gardens we visit every year, packed in Shanghai and sent within a day.",
    shopNow: "Shop the spring teas",
    teasTitle: "This season's teas",
    teas: [
      { name: "West Lake Longjing", origin: "Hangzhou, Zhejiang", price: "¥168 / 100 g" },
      { name: "Wuyi Da Hong Pao", origin: "Wuyishan, Fujian", price: "¥238 / 100 g" },
      { name: "Aged Pu'er cake", origin: "Menghai, Yunnan", price: "¥298 / 357 g" },
    ],
    addToCart: "Add to bag",
    storesTitle: "Visit a store",
    storesText: "Taste before you buy in Shanghai (Jing'an and Xuhui) and Hong Kong (Central).",
    footer: { privacyChoices: "Privacy choices", preferenceCentre: "Communication preferences", rights: "© Acme Tea (Shanghai) Co., Ltd. A fictional shop." },
  },
  "zh-CN": {
    title: "艾克米茶 — 云南、福建、浙江好茶",
    languages: "语言",
    demoNote: "这是由 Consentry 提供的演示商店。页面上的 Cookie 横幅就是演示工作区中已发布的横幅，通过 /embed/v1.js 嵌入：您的选择会记录在演示工作区中。",
    consoleLink: "打开控制台",
    nav: { label: "商店", teas: "茶品", stores: "门店" },
    heroTitle: "今春新茶",
    heroText: "每年亲赴茶园甄选的小批量好茶，上海包装，一天内发货。",
    shopNow: "选购春茶",
    teasTitle: "当季茶品",
    teas: [
      { name: "西湖龙井", origin: "浙江杭州", price: "¥168 / 100 克" },
      { name: "武夷大红袍", origin: "福建武夷山", price: "¥238 / 100 克" },
      { name: "陈年普洱茶饼", origin: "云南勐海", price: "¥298 / 357 克" },
    ],
    addToCart: "加入购物袋",
    storesTitle: "到店品茶",
    storesText: "欢迎到上海（静安、徐汇）和香港（中环）门店先品后买。",
    footer: { privacyChoices: "隐私选择", preferenceCentre: "沟通偏好", rights: "© 艾克米茶（上海）有限公司。虚构商店。" },
  },
  "zh-TW": {
    title: "艾克米茶 — 雲南、福建、浙江好茶",
    languages: "語言",
    demoNote: "這是由 Consentry 提供的示範商店。頁面上的 Cookie 橫幅就是示範工作區中已發布的橫幅，透過 /embed/v1.js 嵌入：您的選擇會記錄在示範工作區中。",
    consoleLink: "開啟主控台",
    nav: { label: "商店", teas: "茶品", stores: "門市" },
    heroTitle: "今春新茶",
    heroText: "每年親赴茶園精選的小批量好茶，上海包裝，一天內出貨。",
    shopNow: "選購春茶",
    teasTitle: "當季茶品",
    teas: [
      { name: "西湖龍井", origin: "浙江杭州", price: "¥168 / 100 克" },
      { name: "武夷大紅袍", origin: "福建武夷山", price: "¥238 / 100 克" },
      { name: "陳年普洱茶餅", origin: "雲南勐海", price: "¥298 / 357 克" },
    ],
    addToCart: "加入購物袋",
    storesTitle: "到店品茶",
    storesText: "歡迎到上海（靜安、徐匯）和香港（中環）門市先品後買。",
    footer: { privacyChoices: "隱私選擇", preferenceCentre: "通訊偏好", rights: "© 艾克米茶（上海）有限公司。虛構商店。" },
  },
};

export const SHOP_LANGUAGE_NAMES: Record<UiLocale, string> = { en: "English", "zh-CN": "简体中文", "zh-TW": "繁體中文" };
