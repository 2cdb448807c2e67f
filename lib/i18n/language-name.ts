/**
 * Names of the content languages Consentry supports, per console language. Fixed here rather
 * than read from Intl.DisplayNames: Node and the browser ship different CLDR data (Node 20 says
 * "Chinese (Hong Kong SAR China)", Chromium "Chinese (Hong Kong)"), and a name that differs
 * between the server render and hydration makes React discard what the person already typed.
 */
const NAMES: Record<string, Record<string, string>> = {
  en: {
    en: "English", "zh-CN": "Chinese (China)", "zh-TW": "Chinese (Taiwan)", "zh-HK": "Chinese (Hong Kong)",
    ja: "Japanese", ko: "Korean", fr: "French", de: "German", es: "Spanish",
  },
  "zh-CN": {
    en: "英语", "zh-CN": "中文（中国）", "zh-TW": "中文（台湾）", "zh-HK": "中文（香港）",
    ja: "日语", ko: "韩语", fr: "法语", de: "德语", es: "西班牙语",
  },
  "zh-TW": {
    en: "英文", "zh-CN": "中文（中國）", "zh-TW": "中文（台灣）", "zh-HK": "中文（香港）",
    ja: "日文", ko: "韓文", fr: "法文", de: "德文", es: "西班牙文",
  },
};

/** A content language's name in the operator's language; other codes fall back to the platform's CLDR data. */
export function languageName(code: string, displayLocale: string): string {
  const fixed = NAMES[displayLocale]?.[code];
  if (fixed) return fixed;
  try {
    return new Intl.DisplayNames([displayLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
