import type { ButtonAction } from "./blocks/consent";
import type { LINK_TYPES } from "./blocks/content";
import type { Locale, LocalizedText } from "./localized";

/** Copy Consentry ships in its own languages: English, Simplified and Traditional Chinese. */
export interface Copy {
  en: string;
  "zh-CN": string;
  "zh-TW": string;
}

// Hong Kong reads Traditional Chinese, so it starts from the Taiwan copy. Languages without
// shipped copy stay empty: publishing then asks for a translation, where English text under a
// Japanese language tag would have gone out unnoticed.
const COPY_FOR: Partial<Record<Locale, keyof Copy>> = { en: "en", "zh-CN": "zh-CN", "zh-TW": "zh-TW", "zh-HK": "zh-TW" };

/** Which shipped copy serves `locale`, if any. */
export function shippedCopyFor(locale: Locale): keyof Copy | undefined {
  return COPY_FOR[locale];
}

/** Shipped copy for each offered language (empty where none ships). */
export function localize(copy: Copy, locales: readonly Locale[]): LocalizedText {
  return Object.fromEntries(
    locales.map((locale) => {
      const source = COPY_FOR[locale];
      return [locale, source === undefined ? "" : copy[source]];
    }),
  );
}

export const BUTTON_LABELS: Record<ButtonAction, Copy> = {
  accept_all: { en: "Accept all", "zh-CN": "全部接受", "zh-TW": "全部接受" },
  reject_all: { en: "Reject all", "zh-CN": "全部拒绝", "zh-TW": "全部拒絕" },
  save_choices: { en: "Save my choices", "zh-CN": "保存我的选择", "zh-TW": "儲存我的選擇" },
  open_preferences: { en: "Manage preferences", "zh-CN": "管理偏好设置", "zh-TW": "管理偏好設定" },
  close: { en: "Close", "zh-CN": "关闭", "zh-TW": "關閉" },
};

// The two CCPA links keep the wording of Cal. Civ. Code 1798.135 in English.
export const LINK_LABELS: Record<(typeof LINK_TYPES)[number], Copy> = {
  privacy_policy: { en: "Privacy policy", "zh-CN": "隐私政策", "zh-TW": "隱私權政策" },
  do_not_sell_or_share: {
    en: "Do Not Sell or Share My Personal Information",
    "zh-CN": "请勿出售或共享我的个人信息",
    "zh-TW": "請勿出售或分享我的個人資料",
  },
  limit_sensitive_use: {
    en: "Limit the Use of My Sensitive Personal Information",
    "zh-CN": "限制使用我的敏感个人信息",
    "zh-TW": "限制使用我的敏感個人資料",
  },
  custom: { en: "Learn more", "zh-CN": "了解更多", "zh-TW": "了解更多" },
};
