import type { CSSProperties } from "react";
import type { ContentLocale, ExperienceDocument } from "./types";

type Theme = ExperienceDocument["theme"];
type Font = Theme["font"];
type Script = "sc" | "tc" | "hk" | "ja" | "ko";

// Only fonts a device already has: the embed must not fetch web fonts before consent.
const LATIN: Record<Font, string> = {
  system: 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial',
  serif: 'Georgia,"Times New Roman",Times',
  rounded: 'ui-rounded,"SF Pro Rounded","Arial Rounded MT Bold",Nunito,system-ui,-apple-system,"Segoe UI",Roboto',
};

const CJK_SANS: Record<Script, string> = {
  sc: '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC"',
  tc: '"PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","Source Han Sans TC"',
  hk: '"PingFang HK","Microsoft JhengHei","Noto Sans CJK HK","Noto Sans CJK TC"',
  ja: '"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic",Meiryo,"Noto Sans CJK JP"',
  ko: '"Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR"',
};

const CJK_SERIF: Record<Script, string> = {
  sc: '"Songti SC","Noto Serif CJK SC","Source Han Serif SC",SimSun',
  tc: '"Songti TC","Noto Serif CJK TC","Source Han Serif TC",PMingLiU',
  hk: '"Songti TC","Noto Serif CJK HK","Noto Serif CJK TC",MingLiU_HKSCS',
  ja: '"Hiragino Mincho ProN","Yu Mincho","Noto Serif CJK JP"',
  ko: 'AppleMyungjo,Batang,"Noto Serif CJK KR"',
};

const CJK_ROUNDED: Partial<Record<Script, string>> = {
  sc: '"Yuanti SC"',
  tc: '"Yuanti TC"',
  hk: '"Yuanti TC"',
  ja: '"Hiragino Maru Gothic ProN"',
};

function scriptOf(locale: ContentLocale): Script {
  if (locale === "zh-TW") return "tc";
  if (locale === "zh-HK") return "hk";
  if (locale === "ja") return "ja";
  if (locale === "ko") return "ko";
  // Simplified Chinese glyphs are also the fallback for stray Han text in other languages.
  return "sc";
}

/** Latin fonts first (their Latin glyphs are better), then the CJK fonts matching the language. */
export function fontStack(font: Font, locale: ContentLocale): string {
  const script = scriptOf(locale);
  if (font === "serif") return `${LATIN.serif},${CJK_SERIF[script]},serif`;
  const rounded = font === "rounded" && CJK_ROUNDED[script] ? `${CJK_ROUNDED[script]},` : "";
  return `${LATIN[font]},${rounded}${CJK_SANS[script]},sans-serif`;
}

// Fallbacks match DEFAULT_THEME in lib/experience/theme.ts (AA contrast); used only when a
// stored colour is not #rrggbb, which the schema refuses but the renderer does not assume.
const FALLBACK_COLORS: Theme["colors"] = {
  background: "#ffffff",
  text: "#1f2937",
  primary: "#1d4ed8",
  primaryText: "#ffffff",
  border: "#d1d5db",
};

function color(value: string, fallback: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback;
}

/** The theme as custom properties on the renderer's root element. */
export function themeVariables(theme: Theme, locale: ContentLocale): CSSProperties {
  const c = theme.colors;
  const radius = Number.isFinite(theme.radius) ? Math.min(24, Math.max(0, theme.radius)) : 8;
  return {
    "--csy-bg": color(c.background, FALLBACK_COLORS.background),
    "--csy-fg": color(c.text, FALLBACK_COLORS.text),
    "--csy-primary": color(c.primary, FALLBACK_COLORS.primary),
    "--csy-on-primary": color(c.primaryText, FALLBACK_COLORS.primaryText),
    "--csy-border": color(c.border, FALLBACK_COLORS.border),
    "--csy-radius": `${radius}px`,
    "--csy-font": fontStack(theme.font, locale),
    // Native controls (time inputs, select menus, scrollbars) follow the theme's mode.
    colorScheme: theme.mode === "dark" ? "dark" : "light",
  } as CSSProperties;
}
