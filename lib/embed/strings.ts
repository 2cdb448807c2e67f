import type { ContentLocale } from "@/lib/experience";

/**
 * Words the embed itself shows beside the experience. The server sends them with the markup in
 * the visitor's language (lib/public/live-markup.tsx), so the script carries no language at all.
 */
export interface EmbedStrings {
  /** Shown when a Global Privacy Control signal was honoured (11 CCR 7025(c)(6)). */
  gpcHonoured: string;
  dismiss: string;
}

const EN: EmbedStrings = {
  gpcHonoured: "Your browser's Global Privacy Control signal was honoured: we do not sell or share your personal information.",
  dismiss: "Dismiss",
};

const EMBED_STRINGS: Partial<Record<ContentLocale, EmbedStrings>> = {
  en: EN,
  "zh-CN": {
    gpcHonoured: "已收到您浏览器发出的全球隐私控制（GPC）信号：我们不会出售或共享您的个人信息。",
    dismiss: "关闭",
  },
  "zh-TW": {
    gpcHonoured: "已收到您瀏覽器發出的全球隱私控制（GPC）訊號：我們不會出售或分享您的個人資料。",
    dismiss: "關閉",
  },
  "zh-HK": {
    gpcHonoured: "已收到您瀏覽器發出的全球私隱控制（GPC）訊號：我們不會出售或分享您的個人資料。",
    dismiss: "關閉",
  },
};

/** The embed's words in `locale`, English where it has none. */
export function embedStrings(locale: ContentLocale): EmbedStrings {
  return EMBED_STRINGS[locale] ?? EN;
}
