import type { ButtonAction, Channel, ContentLocale, FrequencyPeriod, IdentifierKind } from "./types";

/**
 * Words the renderer itself shows, in the EXPERIENCE's language (the end user's), not the
 * operator's: next-intl is not available in the embed. Short on purpose, every byte ships in
 * the embed script. Languages without an entry fall back to English.
 */
export interface RendererStrings {
  alwaysOn: string;
  required: string;
  channels: Record<Channel, string>;
  channelsLegend: string;
  topicsLegend: string;
  frequencyLegend: string;
  noLimit: string;
  /** "{n}" is replaced by the number. */
  atMost: Record<FrequencyPeriod, string>;
  quietHoursLegend: string;
  quietHoursEnable: string;
  from: string;
  to: string;
  /** "{zone}" is replaced by the zone's name. */
  timeZone: string;
  subjectTimeZone: string;
  language: string;
  preferences: string;
  dialogLabel: string;
  /** Shown when a button's own label is empty, so no button is ever nameless. */
  buttons: Record<ButtonAction, string>;
  identity: Record<IdentifierKind, string>;
  /** Fallback names of typed links; CCPA prescribes the wording of the two opt-out links. */
  links: Record<"privacy_policy" | "do_not_sell_or_share" | "limit_sensitive_use", string>;
  opensInNewTab: string;
  notice: string;
  noticePending: string;
  unnamedPurpose: string;
  unnamedTopic: string;
}

const en: RendererStrings = {
  alwaysOn: "Always on",
  required: "required",
  channels: { sms: "SMS", email: "Email", phone: "Phone", wechat: "WeChat", push: "Push notifications" },
  channelsLegend: "How we may contact you",
  topicsLegend: "Topics",
  frequencyLegend: "How often we may contact you",
  noLimit: "No limit",
  atMost: { week: "At most {n} per week", month: "At most {n} per month" },
  quietHoursLegend: "Quiet hours",
  quietHoursEnable: "Don't contact me during these hours",
  from: "From",
  to: "To",
  timeZone: "Time zone: {zone}",
  subjectTimeZone: "your local time",
  language: "Language",
  preferences: "Preferences",
  dialogLabel: "Privacy choices",
  buttons: {
    accept_all: "Accept all",
    reject_all: "Reject all",
    save_choices: "Save my choices",
    open_preferences: "Manage preferences",
    close: "Close",
  },
  identity: { email: "Email address", phone: "Phone number", member_id: "Member ID" },
  links: {
    privacy_policy: "Privacy policy",
    do_not_sell_or_share: "Do Not Sell or Share My Personal Information",
    limit_sensitive_use: "Limit the Use of My Sensitive Personal Information",
  },
  opensInNewTab: "(opens in a new tab)",
  notice: "Privacy notice",
  noticePending: "The notice will appear here.",
  unnamedPurpose: "Untitled purpose",
  unnamedTopic: "Untitled topic",
};

const zhCN: RendererStrings = {
  alwaysOn: "始终开启",
  required: "必填",
  channels: { sms: "短信", email: "电子邮件", phone: "电话", wechat: "微信", push: "推送通知" },
  channelsLegend: "联系渠道",
  topicsLegend: "订阅主题",
  frequencyLegend: "联系频率",
  noLimit: "不限次数",
  atMost: { week: "每周最多 {n} 次", month: "每月最多 {n} 次" },
  quietHoursLegend: "免打扰时段",
  quietHoursEnable: "在此时段内请勿联系我",
  from: "开始时间",
  to: "结束时间",
  timeZone: "时区：{zone}",
  subjectTimeZone: "您当地的时间",
  language: "语言",
  preferences: "偏好设置",
  dialogLabel: "隐私设置",
  buttons: {
    accept_all: "全部接受",
    reject_all: "全部拒绝",
    save_choices: "保存我的选择",
    open_preferences: "管理偏好设置",
    close: "关闭",
  },
  identity: { email: "邮箱地址", phone: "手机号码", member_id: "会员号" },
  links: {
    privacy_policy: "隐私政策",
    do_not_sell_or_share: "请勿出售或共享我的个人信息",
    limit_sensitive_use: "限制使用我的敏感个人信息",
  },
  opensInNewTab: "（在新标签页中打开）",
  notice: "隐私声明",
  noticePending: "隐私声明将显示在此处。",
  unnamedPurpose: "未命名的用途",
  unnamedTopic: "未命名的主题",
};

const zhTW: RendererStrings = {
  alwaysOn: "一律啟用",
  required: "必填",
  channels: { sms: "簡訊", email: "電子郵件", phone: "電話", wechat: "微信", push: "推播通知" },
  channelsLegend: "聯絡管道",
  topicsLegend: "訂閱主題",
  frequencyLegend: "聯絡頻率",
  noLimit: "不限次數",
  atMost: { week: "每週最多 {n} 次", month: "每月最多 {n} 次" },
  quietHoursLegend: "勿擾時段",
  quietHoursEnable: "請勿在此時段聯絡我",
  from: "開始時間",
  to: "結束時間",
  timeZone: "時區：{zone}",
  subjectTimeZone: "您當地的時間",
  language: "語言",
  preferences: "偏好設定",
  dialogLabel: "隱私設定",
  buttons: {
    accept_all: "全部接受",
    reject_all: "全部拒絕",
    save_choices: "儲存我的選擇",
    open_preferences: "管理偏好設定",
    close: "關閉",
  },
  identity: { email: "電子郵件地址", phone: "手機號碼", member_id: "會員編號" },
  links: {
    privacy_policy: "隱私權政策",
    do_not_sell_or_share: "請勿出售或分享我的個人資料",
    limit_sensitive_use: "限制使用我的敏感個人資料",
  },
  opensInNewTab: "（在新分頁中開啟）",
  notice: "隱私權聲明",
  noticePending: "隱私權聲明將顯示於此。",
  unnamedPurpose: "未命名的用途",
  unnamedTopic: "未命名的主題",
};

// Hong Kong writes Traditional Chinese with its own words: 短訊, 推送, 渠道, 私隱, 手提電話.
const zhHK: RendererStrings = {
  ...zhTW,
  channels: { ...zhTW.channels, sms: "短訊", push: "推送通知" },
  channelsLegend: "聯絡渠道",
  quietHoursLegend: "免打擾時段",
  dialogLabel: "私隱設定",
  identity: { ...zhTW.identity, phone: "手提電話號碼" },
  links: { ...zhTW.links, privacy_policy: "私隱政策" },
  notice: "私隱聲明",
  noticePending: "私隱聲明將顯示於此。",
};

const STRINGS: Partial<Record<ContentLocale, RendererStrings>> = { en, "zh-CN": zhCN, "zh-TW": zhTW, "zh-HK": zhHK };

export function rendererStrings(locale: ContentLocale): RendererStrings {
  return STRINGS[locale] ?? en;
}

export function formatCount(template: string, n: number): string {
  return template.replace("{n}", String(n));
}

export function formatZone(template: string, zone: string): string {
  return template.replace("{zone}", zone);
}
